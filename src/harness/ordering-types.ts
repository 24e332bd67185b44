import type { InvokeResult } from "../targets/target.ts";
import type { TestIdentity } from "./test-identity.ts";

/**
 * What the system promises when events arrive out of order:
 * - `latest-wins`: the final state reflects the highest sequence number (conditional writes that
 *   drop or refuse an older event);
 * - `reject-out-of-order`: an event that arrives after a higher-numbered one is rejected (its
 *   invocation fails, so the queue retries it and finally dead-letters it), and the final state
 *   reflects the highest sequence number;
 * - `park`: an event that arrives before its predecessors is held and applied once the gap is
 *   filled, so every event takes effect, in sequence order.
 */
export type OrderingPolicy = "latest-wins" | "reject-out-of-order" | "park";

/** One delivery order under test; `key` isolates its state from the other trials'. */
export interface OrderingTrial {
  /** Derived from the test, the trial and the hour; put it in the events and read it in the probe. */
  readonly key: string;
  /** 0-based. */
  readonly index: number;
}

/**
 * What the state probe reports: the sequence number the final state reflects, or the sequence
 * numbers applied so far, in the order they took effect (the `park` policy needs this history).
 * `undefined` when nothing was applied.
 */
export type OrderingState = number | readonly number[] | undefined;

/** Options of {@link assertOrdering}. */
export interface AssertOrderingOptions<E = unknown> {
  /** Logical name of the function that receives the events, invoked synchronously. Or give `deliver`. */
  readonly function?: string;
  /**
   * Delivers one event another way (send it to a queue, publish it). When it resolves with an
   * invocation's result (`target.invoke`'s), `reject-out-of-order` can see whether the event was
   * rejected; anything else it resolves with is ignored.
   */
  readonly deliver?: (event: E, trial: OrderingTrial) => Promise<unknown>;
  /** The events in the order they are sent (at least 2), built for the trial's key. */
  readonly events: (trial: OrderingTrial) => readonly E[];
  /**
   * Puts sequence number `sequence` (1 for the first event sent) into an event's metadata.
   * Default {@link stampSequence}: a `sequence` message attribute on SQS and SNS records, a
   * `sequence` field in an EventBridge event's detail or in a plain object.
   */
  readonly stamp?: (event: E, sequence: number) => E;
  /** Reads what the trial's final state reflects. */
  readonly state: (trial: OrderingTrial) => Promise<OrderingState> | OrderingState;
  readonly policy: OrderingPolicy;
  /** The running test; trial keys are derived from it and the hour. */
  readonly testId: TestIdentity;
  /**
   * `all` permutations (up to 720), or this many sampled (the reversed order first). Default:
   * all when there are at most 24, else 24 sampled.
   */
  readonly orders?: "all" | number;
  /** Seed of the sampling. Default: derived from `testId`, so every run samples the same orders. */
  readonly seed?: number;
  /** Time between two deliveries. Default 1,000 ms. */
  readonly gapMs?: number;
  /** Whether a delivery was rejected. Default: a function error, or a non-empty `batchItemFailures`. */
  readonly rejected?: (result: InvokeResult) => boolean;
}

/** One trial as it ran. */
export interface OrderingTrialReport {
  readonly key: string;
  /** Sequence numbers in delivery order. */
  readonly order: readonly number[];
  readonly state: OrderingState;
  /** Sequence numbers whose delivery was rejected. */
  readonly rejected: readonly number[];
}

/** What {@link assertOrdering} checked, when it passed. */
export interface OrderingReport {
  readonly policy: OrderingPolicy;
  /** Whether the orders were sampled (with `seed`) rather than all tried. */
  readonly sampled: boolean;
  readonly seed: number;
  readonly hour: string;
  readonly trials: readonly OrderingTrialReport[];
}

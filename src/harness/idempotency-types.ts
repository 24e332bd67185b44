import type { DocumentItem, InvokeResult } from "../targets/target.ts";
import type { TestIdentity } from "./test-identity.ts";

/**
 * How {@link assertIdempotent} delivers the same event again:
 * - `sequential`: identical copies, one after another (a producer that sends twice, SNS or SQS
 *   delivering a message twice);
 * - `concurrent`: identical copies at the same moment, on warm execution environments so they
 *   really overlap;
 * - `redelivery-after-lost-ack`: the first delivery completes and its effects land, but its
 *   acknowledgement is treated as lost, so after the visibility timeout the message comes back
 *   as SQS redelivers it (same `messageId`, `ApproximateReceiveCount` + 1, a new receipt handle).
 *   The handler cannot tell this from any other redelivery; a crash *inside* the handler, after
 *   the effect but before it returns, is a fault plan of its own and not modelled here.
 */
export type IdempotencyMode = "sequential" | "concurrent" | "redelivery-after-lost-ack";

/** Where the handler caches its results (a DynamoDB table with a TTL, as Powertools keeps it). */
export interface IdempotencyCacheCheck {
  /** Logical name of the table. */
  readonly table: string;
  /** The Number attribute holding the expiry in epoch seconds. Default: the table's `ttlAttribute`. */
  readonly expiryAttribute?: string;
}

/** Options of {@link assertIdempotent}. */
export interface AssertIdempotentOptions {
  /** Logical name of the function under test; each delivery is a synchronous invocation. */
  readonly function: string;
  /** Builds the event for an idempotency key; called once per mode, and that event is redelivered. */
  readonly event: (key: string) => unknown;
  /** Counts the side effects for a key (e.g. the reservation rows of the order `key`). */
  readonly effects: (key: string) => Promise<number> | number;
  /** The running test; keys are derived from it and the hour, never random. */
  readonly testId: TestIdentity;
  /** Deliveries per mode, the first included. Default 3; at least 2. */
  readonly attempts?: number;
  /** Default: all three, in the order sequential, concurrent, redelivery-after-lost-ack. */
  readonly modes?: readonly IdempotencyMode[];
  /** Also check that the results were cached with an expiry. */
  readonly cache?: IdempotencyCacheCheck;
  /** Maps a response payload before comparison (drop a field that may differ). Default: none. */
  readonly normalize?: (payload: unknown) => unknown;
  /**
   * How long a rejected delivery, or one whose acknowledgement was lost, waits before it comes
   * back. Default: the visibility timeout of the queue that feeds the function, else 30 s.
   */
  readonly redeliveryDelayMs?: number;
  /** Receives of one attempt before it counts as never accepted (a DLQ case). Default 5. */
  readonly maxReceives?: number;
  /** Concurrent mode: first warm as many environments, with the event of a separate key. Default true. */
  readonly warmUp?: boolean;
}

/** One delivery attempt: its receives (a rejected delivery is received again) and its final response. */
export interface IdempotencyAttempt {
  readonly attempt: number;
  /** 1 unless the delivery was rejected (an error, or its message in `batchItemFailures`) and redelivered. */
  readonly receives: number;
  /** Lambda request ids, one per receive. */
  readonly requestIds: readonly string[];
  /** The response of the last receive. */
  readonly response: InvokeResult;
}

/** What one mode did. */
export interface IdempotencyModeReport {
  readonly mode: IdempotencyMode;
  readonly key: string;
  readonly attempts: readonly IdempotencyAttempt[];
  /** The effect count at the end (1 when the assertion passed). */
  readonly effects: number;
  /**
   * Concurrent mode: whether the first receives' executions overlapped in time (from the START
   * and END log lines); `undefined` when the logs did not tell.
   */
  readonly overlapped?: boolean;
}

/** What {@link assertIdempotent} checked, when it passed. */
export interface IdempotencyReport {
  readonly function: string;
  /** The hour the keys were derived from. */
  readonly hour: string;
  readonly modes: readonly IdempotencyModeReport[];
  /** Cache records written during the attempts (with `cache`). */
  readonly cacheRecords: readonly DocumentItem[];
}

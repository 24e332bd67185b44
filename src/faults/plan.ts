import type { StreamFaultOptions } from "../cloud/lambda/event-sources/stream-faults.ts";
import type { DynamoDbFaultOptions, TableFaultOptions } from "../cloud/table/faults.ts";
import type { SnsFaultOptions } from "../cloud/topic/model.ts";

/**
 * Faults are data: a plan of probabilities (numbers in [0, 1]) and durations (ms, unit in the
 * name) that the simulated services consult at named points, drawing every decision from the
 * simulation's choice stream. A knob left out is off.
 *
 * @example
 * const plan: FaultPlan = { sqs: { duplicateDeliveryProbability: 0.1 }, lambda: { crashAfterSideEffectProbability: 0.05 } };
 */
export interface FaultPlan {
  readonly sqs?: SqsFaults;
  readonly sns?: SnsFaults;
  readonly streams?: StreamFaults;
  readonly dynamodb?: DynamoDbFaults;
  readonly lambda?: LambdaFaults;
}

/** Standard queues' delivery faults (FIFO queues keep their guarantees). */
export interface SqsFaults {
  /** A received message is delivered again although it was delivered. */
  readonly duplicateDeliveryProbability?: number;
  /** A message being processed becomes visible again before it is deleted (its visibility timeout lapsed). */
  readonly redeliveryProbability?: number;
  /** Messages sent within this window may be received in another order. */
  readonly reorderWindowMs?: number;
  /** A message becomes receivable up to this much later than it would. */
  readonly deliveryDelayMsMax?: number;
}

/** SNS's delivery faults, per subscription delivery (the knobs of the simulated SNS). */
export type SnsFaults = SnsFaultOptions;

/** Faults of DynamoDB Streams as Lambda's event source mapping reads them. */
export type StreamFaults = StreamFaultOptions;

/**
 * DynamoDB's faults: throttling (ProvisionedThroughputExceededException, which the SDK retries),
 * eventually consistent reads lagging, latency per call. In a plan, `tables` are the app's
 * logical names (`Orders`); the simulation applies them to the physical tables.
 */
export type DynamoDbFaults = DynamoDbFaultOptions;

/** One table's throttle fault: a probability, optionally per operation (`PutItem`, …). */
export type TableFaults = TableFaultOptions;

export interface LambdaFaults {
  /**
   * The invocation's effects land, but it fails before its result is returned (the delivery is
   * retried although its effects happened).
   */
  readonly crashAfterSideEffectProbability?: number;
  /** The invocation runs into its timeout. */
  readonly timeoutProbability?: number;
  /** An invocation is throttled as if concurrency were exhausted. */
  readonly throttleProbability?: number;
  /** Cold starts drawn from [coldStartMsMin, coldStartMsMax] instead of the runtime's model. */
  readonly coldStartMsMin?: number;
  readonly coldStartMsMax?: number;
}

/** The fault kinds a plan can switch on, by their path in the plan: what coverage is counted by. */
export type FaultKind =
  | "sqs.duplicateDelivery"
  | "sqs.redelivery"
  | "sqs.reorder"
  | "sqs.deliveryDelay"
  | "sns.duplicateNotification"
  | "sns.fanOutDelay"
  | "streams.batchFailure"
  | "streams.recordDelay"
  | "dynamodb.throttle"
  | "dynamodb.readLag"
  | "dynamodb.latency"
  | "lambda.crashAfterSideEffect"
  | "lambda.timeout"
  | "lambda.throttle"
  | "lambda.coldStart";

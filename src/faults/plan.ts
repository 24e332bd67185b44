import type { StreamFaultOptions } from "../cloud/lambda/event-sources/stream-faults.ts";
import type { LambdaFaultOptions, LambdaFunctionFaultOptions } from "../cloud/lambda/faults.ts";
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

/**
 * Lambda's faults, at invocation points: a crash after the handler's effects landed
 * (`Runtime.ExitError`), a timeout (`Sandbox.Timedout` at the function's timeout), a throttle
 * (TooManyRequestsException, as when concurrency is exhausted), and cold starts drawn from a
 * range. In a plan, `functions` are the app's logical names (`reserveStock`); the simulation
 * applies them to the physical functions, each knob over the plan-wide one.
 *
 * @example const lambda: LambdaFaults = { crashAfterSideEffectProbability: 0.05, functions: { reserveStock: { timeoutProbability: 0.1 } } };
 */
export type LambdaFaults = LambdaFaultOptions;

/** One function's Lambda faults (see {@link LambdaFaults}). */
export type LambdaFunctionFaults = LambdaFunctionFaultOptions;

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

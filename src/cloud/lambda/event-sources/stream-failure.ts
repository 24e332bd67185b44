import type { StoredStreamRecord } from "../../table/streams/types.ts";

/**
 * Why Lambda gave up a stream batch (`requestContext.condition` of the failure record).
 *
 * @example
 * const condition: StreamFailureCondition = "RetryAttemptsExhausted";
 */
export type StreamFailureCondition = "RetryAttemptsExhausted" | "RecordAgeExceeded";

/**
 * What {@link streamFailureRecord} needs to describe a discarded batch.
 *
 * @example
 * const input: StreamFailureInput = { batch, condition: "RecordAgeExceeded", requestId, functionArn, invokeCount: 4, atMs, functionError: true };
 */
export interface StreamFailureInput {
  readonly batch: readonly StoredStreamRecord[];
  readonly condition: StreamFailureCondition;
  readonly requestId: string;
  readonly functionArn: string;
  /** Invocations made with (parts of) this batch. */
  readonly invokeCount: number;
  readonly atMs: number;
  /** Whether the last invocation ended in a function error (not a throttle). */
  readonly functionError: boolean;
}

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination: where the
 * discarded records are (`DDBStreamBatchInfo`), not the records themselves, in the format the
 * Lambda developer guide documents for DynamoDB Streams.
 *
 * @example
 * onFailure(streamFailureRecord({ batch, condition: "RetryAttemptsExhausted", requestId, functionArn, invokeCount: 3, atMs: kernel.nowMs(), functionError: true }));
 */
export function streamFailureRecord(input: StreamFailureInput): object {
  const first = input.batch[0];
  const last = input.batch.at(-1);
  if (first === undefined || last === undefined) throw new RangeError("streamFailureRecord: empty batch");
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    requestContext: {
      requestId: input.requestId,
      functionArn: input.functionArn,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: "$LATEST",
      ...(input.functionError ? { functionError: "Unhandled" } : {}),
    },
    version: "1.0",
    timestamp: iso(input.atMs),
    DDBStreamBatchInfo: {
      shardId: first.shardId,
      startSequenceNumber: first.record.dynamodb.SequenceNumber,
      endSequenceNumber: last.record.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: iso(first.atMs),
      approximateArrivalOfLastRecord: iso(last.atMs),
      batchSize: input.batch.length,
      streamArn: first.streamArn,
    },
  };
}

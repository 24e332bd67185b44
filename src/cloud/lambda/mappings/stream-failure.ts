import type { StoredStreamRecord } from "../../table/streams/types.ts";

/** Why a stream batch was given up. */
export type StreamFailureCondition = "RetryAttemptsExhausted" | "RecordAgeExceeded";

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination: not the
 * records themselves but where they are (`DDBStreamBatchInfo`), in the format AWS documents.
 *
 * @example const record = streamFailureRecord({ batch, condition: "RetryAttemptsExhausted", ... });
 */
export function streamFailureRecord(input: {
  batch: readonly StoredStreamRecord[];
  condition: StreamFailureCondition;
  requestId: string;
  functionArn: string;
  invokeCount: number;
  atMs: number;
  functionError: boolean;
}): Record<string, unknown> {
  const first = input.batch[0] as StoredStreamRecord;
  const last = input.batch[input.batch.length - 1] as StoredStreamRecord;
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

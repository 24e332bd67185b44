import type { StoredStreamRecord } from "../../table/streams/types.ts";
import type { InvokeOutcome } from "../invoker.ts";
import { readBatchResponse } from "./batch-response.ts";

/**
 * A stream batch in progress: its records, the retries it has used and the invocations made.
 *
 * @example
 * const attempt: Attempt = { records, retries: 0, invokes: 0 };
 */
export interface Attempt {
  readonly records: StoredStreamRecord[];
  retries: number;
  invokes: number;
  /** How the last invocation with these records ended, for the on-failure record. */
  last?: InvokeOutcome;
}

/**
 * How many leading records of a batch an invocation settled: all of them on success; none on a
 * function error or an invalid partial response; up to the lowest failed sequence number on a
 * partial batch response (Lambda checkpoints there). `partial` tells the last case apart.
 *
 * @example
 * const { succeeded } = succeededPrefix(records, outcome, true);
 */
export function succeededPrefix(
  records: readonly StoredStreamRecord[],
  outcome: Exclude<InvokeOutcome, { kind: "throttled" }>,
  reportBatchItemFailures: boolean,
): { succeeded: number; partial: boolean } {
  if (outcome.kind === "function-error") return { succeeded: 0, partial: false };
  if (!reportBatchItemFailures) return { succeeded: records.length, partial: false };
  const sequenceOf = (r: StoredStreamRecord) => r.record.dynamodb.SequenceNumber;
  const verdict = readBatchResponse(outcome.result, new Set(records.map(sequenceOf)));
  if (verdict.kind === "invalid") return { succeeded: 0, partial: false };
  if (verdict.kind === "all-succeeded") return { succeeded: records.length, partial: false };
  const indexes = verdict.failedIds.map((id) => records.findIndex((r) => sequenceOf(r) === id));
  return { succeeded: Math.min(...indexes), partial: true };
}

/**
 * Splits a failed batch in two for BisectBatchOnFunctionError. The halves keep the batch's retry
 * count: a split is not a retry.
 *
 * @example
 * pending.unshift(...bisect(attempt));
 */
export function bisect(attempt: Attempt): Attempt[] {
  const half = Math.ceil(attempt.records.length / 2);
  return [
    { ...attempt, records: attempt.records.slice(0, half) },
    { ...attempt, records: attempt.records.slice(half) },
  ];
}

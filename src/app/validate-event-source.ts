import { type Issues, optionalBoolean, optionalInteger, optionalOneOf } from "./issues.ts";
import { checkReference, type DeclaredNames } from "./resource-names.ts";
import { validateDestination } from "./validate-destination.ts";

const QUEUE_KEYS = [
  "queue",
  "batchSize",
  "maximumBatchingWindowSeconds",
  "reportBatchItemFailures",
  "maximumConcurrency",
];
const STREAM_KEYS = [
  "stream",
  "batchSize",
  "maximumBatchingWindowSeconds",
  "startingPosition",
  "maximumRetryAttempts",
  "maximumRecordAgeSeconds",
  "bisectBatchOnFunctionError",
  "reportBatchItemFailures",
  "onFailure",
];

/**
 * Checks one event source of a function against Lambda's limits for SQS and DynamoDB Streams
 * event source mappings, recording every problem under `at`.
 *
 * @example validateEventSource(issues, "app.functions.f.events[0]", { queue: "Orders", batchSize: 10 }, names)
 */
export function validateEventSource(issues: Issues, at: string, value: unknown, names: DeclaredNames): void {
  const source = issues.object(at, value, '{ queue: "Orders" } or { stream: "Inventory" }');
  if (!source) return;
  if ((source.queue === undefined) === (source.stream === undefined)) {
    issues.add(at, "name exactly one source: queue or stream");
    return;
  }
  optionalInteger(issues, `${at}.maximumBatchingWindowSeconds`, source.maximumBatchingWindowSeconds, 0, 300);
  optionalBoolean(issues, `${at}.reportBatchItemFailures`, source.reportBatchItemFailures);
  if (source.queue !== undefined) {
    issues.unknownKeys(at, source, QUEUE_KEYS);
    const known = checkReference(issues, `${at}.queue`, source.queue, names, "queues");
    const fifo = known && names.fifoQueues.has(source.queue as string);
    optionalInteger(issues, `${at}.batchSize`, source.batchSize, 1, fifo ? 10 : 10_000);
    if (
      typeof source.batchSize === "number" &&
      source.batchSize > 10 &&
      !(Number(source.maximumBatchingWindowSeconds) >= 1)
    )
      issues.add(
        `${at}.batchSize`,
        "above 10 needs maximumBatchingWindowSeconds of at least 1, as Lambda requires",
      );
    optionalInteger(issues, `${at}.maximumConcurrency`, source.maximumConcurrency, 2, 1000);
    return;
  }
  issues.unknownKeys(at, source, STREAM_KEYS);
  checkReference(issues, `${at}.stream`, source.stream, names, "streams");
  optionalInteger(issues, `${at}.batchSize`, source.batchSize, 1, 10_000);
  optionalOneOf(issues, `${at}.startingPosition`, source.startingPosition, ["TRIM_HORIZON", "LATEST"]);
  optionalInteger(issues, `${at}.maximumRetryAttempts`, source.maximumRetryAttempts, -1, 10_000);
  const age = source.maximumRecordAgeSeconds;
  if (age !== undefined && age !== -1)
    optionalInteger(issues, `${at}.maximumRecordAgeSeconds`, age, 60, 604_800);
  optionalBoolean(issues, `${at}.bisectBatchOnFunctionError`, source.bisectBatchOnFunctionError);
  if (source.onFailure !== undefined)
    validateDestination(issues, `${at}.onFailure`, source.onFailure, names, false);
}

import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchResult,
  DeleteMessageBatchResult,
  SendMessageBatchResult,
  SendMessageBatchResultEntry,
  SendMessageResult,
} from "@aws-sdk/client-sqs";
import { readBatchEntries, runEntry } from "./batch.ts";
import type { SqsEngine } from "./engine.ts";
import { sqsError } from "./errors.ts";
import { type Input, requiredString, utf8Length } from "./input.ts";
import { attributesSize, checkMessageAttributes } from "./message-attributes.ts";
import { LIMITS } from "./model.ts";
import { changeVisibility, deleteMessage } from "./receipts.ts";
import { enqueue, readSendRequest } from "./send.ts";

/**
 * SendMessage. The sender id is the account id: the simulation has no IAM principals.
 *
 * @example
 * sendMessage(engine, { QueueUrl: url, MessageBody: "hello" });
 */
export function sendMessage(engine: SqsEngine, input: Input): SendMessageResult {
  const queue = engine.byUrl("SendMessage", requiredString(input, "QueueUrl"));
  return enqueue(engine, queue, readSendRequest(queue, input), engine.settings.accountId);
}

/**
 * SendMessageBatch: request-level checks first (entries, total size), then one result per entry.
 *
 * @example
 * sendMessageBatch(engine, { QueueUrl: url, Entries: [{ Id: "1", MessageBody: "a" }] });
 */
export function sendMessageBatch(engine: SqsEngine, input: Input): SendMessageBatchResult {
  const queue = engine.byUrl("SendMessageBatch", requiredString(input, "QueueUrl"));
  const entries = readBatchEntries(input, "SendMessageBatchRequestEntry");
  const totalBytes = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (totalBytes > LIMITS.maxMessageBytes) {
    throw sqsError(
      "BatchRequestTooLong",
      `Batch requests cannot be longer than ${LIMITS.maxMessageBytes} bytes. You have sent ${totalBytes} bytes.`,
    );
  }
  const successful: SendMessageBatchResultEntry[] = [];
  const failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    const outcome = runEntry(entry.Id, () =>
      enqueue(engine, queue, readSendRequest(queue, entry), engine.settings.accountId),
    );
    if ("failed" in outcome) failed.push(outcome.failed);
    else successful.push({ Id: entry.Id, ...outcome.ok } as SendMessageBatchResultEntry);
  }
  return { Successful: successful, Failed: failed };
}

/** Size of one entry for the batch limit; malformed members count as nothing (they fail on their own). */
function entrySize(entry: Input): number {
  const body = typeof entry.MessageBody === "string" ? utf8Length(entry.MessageBody) : 0;
  try {
    return body + attributesSize(checkMessageAttributes(entry.MessageAttributes));
  } catch {
    return body;
  }
}

/**
 * DeleteMessage.
 *
 * @example
 * deleteMessageOp(engine, { QueueUrl: url, ReceiptHandle: handle });
 */
export function deleteMessageOp(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.byUrl("DeleteMessage", requiredString(input, "QueueUrl"));
  deleteMessage(engine, queue, requiredString(input, "ReceiptHandle"));
  return {};
}

/**
 * DeleteMessageBatch: one Successful or Failed result per entry.
 *
 * @example
 * deleteMessageBatch(engine, { QueueUrl: url, Entries: [{ Id: "1", ReceiptHandle: handle }] });
 */
export function deleteMessageBatch(engine: SqsEngine, input: Input): DeleteMessageBatchResult {
  const queue = engine.byUrl("DeleteMessageBatch", requiredString(input, "QueueUrl"));
  const entries = readBatchEntries(input, "DeleteMessageBatchRequestEntry");
  const result = { Successful: [] as { Id: string }[], Failed: [] as BatchResultErrorEntry[] };
  for (const entry of entries) {
    const outcome = runEntry(entry.Id, () =>
      deleteMessage(engine, queue, requiredString(entry, "ReceiptHandle")),
    );
    if ("failed" in outcome) result.Failed.push(outcome.failed);
    else result.Successful.push({ Id: entry.Id });
  }
  return result;
}

/**
 * ChangeMessageVisibility.
 *
 * @example
 * changeMessageVisibilityOp(engine, { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 });
 */
export function changeMessageVisibilityOp(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.byUrl("ChangeMessageVisibility", requiredString(input, "QueueUrl"));
  changeVisibility(engine, queue, requiredString(input, "ReceiptHandle"), visibility(input));
  return {};
}

/**
 * ChangeMessageVisibilityBatch: one Successful or Failed result per entry.
 *
 * @example
 * changeMessageVisibilityBatch(engine, { QueueUrl: url, Entries: [{ Id: "1", ReceiptHandle: handle, VisibilityTimeout: 60 }] });
 */
export function changeMessageVisibilityBatch(
  engine: SqsEngine,
  input: Input,
): ChangeMessageVisibilityBatchResult {
  const queue = engine.byUrl("ChangeMessageVisibilityBatch", requiredString(input, "QueueUrl"));
  const entries = readBatchEntries(input, "ChangeMessageVisibilityBatchRequestEntry");
  const result = { Successful: [] as { Id: string }[], Failed: [] as BatchResultErrorEntry[] };
  for (const entry of entries) {
    const outcome = runEntry(entry.Id, () =>
      changeVisibility(engine, queue, requiredString(entry, "ReceiptHandle"), visibility(entry)),
    );
    if ("failed" in outcome) result.Failed.push(outcome.failed);
    else result.Successful.push({ Id: entry.Id });
  }
  return result;
}

function visibility(input: Input): number {
  const value = input.VisibilityTimeout;
  if (value === undefined || value === null)
    throw sqsError("MissingParameter", "The request must contain the parameter VisibilityTimeout.");
  return typeof value === "number" ? value : Number.NaN;
}

/**
 * PurgeQueue: removes every message at once (SQS takes up to 60 s; here it is immediate) and
 * refuses another purge of the queue within 60 s.
 *
 * @example
 * purgeQueue(engine, { QueueUrl: url });
 */
export function purgeQueue(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.byUrl("PurgeQueue", requiredString(input, "QueueUrl"));
  const nowMs = engine.kernel.nowMs();
  if (queue.lastPurgeAtMs !== undefined && nowMs - queue.lastPurgeAtMs < LIMITS.purgeIntervalMs) {
    throw sqsError(
      "PurgeQueueInProgress",
      `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
    );
  }
  queue.lastPurgeAtMs = nowMs;
  queue.messages.clear();
  return {};
}

import { createHash } from "node:crypto";
import type {
  BatchResultErrorEntry,
  PublishBatchInput,
  PublishBatchResponse,
  PublishBatchResultEntry,
  PublishInput,
  PublishResponse,
} from "@aws-sdk/client-sns";
import { AwsServiceError } from "../aws-error.ts";
import { topicByArn } from "./arns.ts";
import { fanOut } from "./delivery.ts";
import { batchError, invalidParameter, notSimulated } from "./errors.ts";
import { MAX_MESSAGE_BYTES, type PublishedMessage, readMessage } from "./message.ts";
import type { SnsState, Topic } from "./model.ts";
import { type Input, isRecord, optionalString, requiredString } from "./request.ts";

// SNS FIFO topics drop a message whose deduplication id was seen in the last 5 minutes.
const DEDUP_WINDOW_MS = 5 * 60 * 1000;
const MAX_BATCH_ENTRIES = 10;

/**
 * Publish to a topic (TopicArn, or TargetArn naming a topic).
 *
 * @example
 * publish(state, { TopicArn, Message: "low stock", MessageAttributes: { level: { DataType: "Number", StringValue: "3" } } });
 */
export function publish(state: SnsState, input: Input): PublishResponse {
  const topicArn = optionalString<PublishInput>(input, "TopicArn");
  const targetArn = optionalString<PublishInput>(input, "TargetArn");
  if (optionalString<PublishInput>(input, "PhoneNumber") !== undefined) {
    throw notSimulated("Publish", "SMS (PhoneNumber)", "publish to a topic");
  }
  if (topicArn !== undefined && targetArn !== undefined) {
    throw invalidParameter(
      "Invalid parameter: TopicArn or TargetArn Reason: Only one of them may be specified",
    );
  }
  const arn = topicArn ?? targetArn;
  if (arn === undefined) {
    throw invalidParameter(
      "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter",
    );
  }
  const topic = topicByArn(state, arn, topicArn === undefined ? "TargetArn" : "TopicArn");
  const { messageId, sequenceNumber } = accept(state, topic, readMessage(topic, input));
  return {
    MessageId: messageId,
    ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }),
  };
}

/**
 * PublishBatch: up to 10 entries, each failing on its own; request-level limits fail the whole call.
 *
 * @example
 * publishBatch(state, { TopicArn, PublishBatchRequestEntries: [{ Id: "1", Message: "a" }] });
 */
export function publishBatch(state: SnsState, input: Input): PublishBatchResponse {
  const topic = topicByArn(state, requiredString<PublishBatchInput>(input, "TopicArn"));
  const field: keyof PublishBatchInput = "PublishBatchRequestEntries";
  const rawEntries = input[field] ?? [];
  if (!Array.isArray(rawEntries)) throw invalidParameter(`Invalid parameter: ${field}`);
  const entries = checkBatch(rawEntries as unknown[]);
  const successful: PublishBatchResultEntry[] = [];
  const failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    try {
      const { messageId, sequenceNumber } = accept(state, topic, readMessage(topic, entry));
      successful.push({
        Id: entry.Id,
        MessageId: messageId,
        ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }),
      });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      failed.push({
        Id: entry.Id,
        Code: error.code,
        Message: error.message,
        SenderFault: error.statusCode < 500,
      });
    }
  }
  return { Successful: successful, Failed: failed };
}

/** The request-level rules of PublishBatch, in SNS's order. */
function checkBatch(rawEntries: unknown[]): (Input & { Id: string })[] {
  if (rawEntries.length === 0) {
    throw batchError("EmptyBatchRequestException", "The batch request doesn't contain any entries.");
  }
  if (rawEntries.length > MAX_BATCH_ENTRIES) {
    throw batchError(
      "TooManyEntriesInBatchRequestException",
      "The batch request contains more entries than permissible.",
    );
  }
  const ids = new Set<string>();
  let totalBytes = 0;
  const entries: (Input & { Id: string })[] = [];
  for (const entry of rawEntries) {
    const id = isRecord(entry) ? entry.Id : undefined;
    if (!isRecord(entry) || typeof id !== "string" || !/^[\w-]{1,80}$/.test(id)) {
      throw batchError(
        "InvalidBatchEntryIdException",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      );
    }
    if (ids.has(id)) {
      throw batchError(
        "BatchEntryIdsNotDistinctException",
        "Two or more batch entries in the request have the same Id.",
      );
    }
    ids.add(id);
    totalBytes += entryBytes(entry);
    entries.push({ ...entry, Id: id });
  }
  if (totalBytes > MAX_MESSAGE_BYTES) {
    throw batchError(
      "BatchRequestTooLongException",
      "The length of all the messages put together is more than the limit.",
    );
  }
  return entries;
}

/** An entry's size as SNS counts it toward the batch limit: message plus attributes. */
function entryBytes(entry: Input): number {
  const text = (value: unknown) => (typeof value === "string" ? Buffer.byteLength(value, "utf8") : 0);
  let bytes = text(entry.Message);
  const attributes = isRecord(entry.MessageAttributes) ? entry.MessageAttributes : {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!isRecord(attribute)) continue;
    const binary = attribute.BinaryValue instanceof Uint8Array ? attribute.BinaryValue.byteLength : 0;
    bytes += text(name) + text(attribute.DataType) + text(attribute.StringValue) + binary;
  }
  return bytes;
}

/** Gives a valid message its ids, applies FIFO deduplication and fans it out. */
function accept(
  state: SnsState,
  topic: Topic,
  published: PublishedMessage,
): { messageId: string; sequenceNumber: string | undefined } {
  const nowMs = state.kernel.nowMs();
  const dedupId = topic.fifo
    ? (published.messageDeduplicationId ?? createHash("sha256").update(published.message).digest("hex"))
    : undefined;
  if (dedupId !== undefined) {
    expireDedup(topic, nowMs);
    const seen = topic.dedup.get(dedupId);
    if (seen !== undefined) {
      state.counters.duplicatesSuppressed++;
      return { messageId: seen.messageId, sequenceNumber: seen.sequenceNumber };
    }
  }
  const messageId = state.kernel.uuid(`sns.${topic.name}.messageId`);
  let sequenceNumber: string | undefined;
  if (dedupId !== undefined) {
    sequenceNumber = String(topic.nextSequence++);
    topic.dedup.set(dedupId, { expiresAtMs: nowMs + DEDUP_WINDOW_MS, messageId, sequenceNumber });
  }
  fanOut(state, topic, {
    published,
    messageId,
    topicArn: topic.arn,
    timestampMs: nowMs,
    region: state.region,
    fifo: topic.fifo,
    sequenceNumber,
    deduplicationId: dedupId,
  });
  return { messageId, sequenceNumber };
}

function expireDedup(topic: Topic, nowMs: number): void {
  for (const [id, entry] of topic.dedup) {
    if (entry.expiresAtMs > nowMs) break;
    topic.dedup.delete(id);
  }
}

import { createHash } from "node:crypto";
import type { MessageAttributeValue, SendMessageResult } from "@aws-sdk/client-sqs";
import { faultDurationMs } from "../../core/fault-draw.ts";
import type { SqsEngine } from "./engine.ts";
import { invalidParameter, missingParameter, sqsError } from "./errors.ts";
import { hasOnlyAllowedCharacters, type Input, optionalInt, optionalString, utf8Length } from "./input.ts";
import { notifyWaiters } from "./long-poll.ts";
import {
  attributesSize,
  checkMessageAttributes,
  checkSystemAttributes,
  md5OfAttributes,
  md5OfBody,
} from "./message-attributes.ts";
import { LIMITS, type StoredMessage } from "./model.ts";
import type { Queue } from "./queue.ts";
import { armExpiry } from "./retention.ts";

/** One message to send, checked: what SendMessage and each SendMessageBatch entry carry. */
export interface SendRequest {
  readonly body: string;
  readonly delaySeconds: number | undefined;
  readonly messageAttributes: Record<string, MessageAttributeValue>;
  readonly systemAttributes: Record<string, MessageAttributeValue>;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
}

/** FIFO group and deduplication ids: 1–128 printable ASCII characters (letters, digits, punctuation). */
const FIFO_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * Reads and checks one message of a send request against the queue's type and limits, with
 * SQS's errors: MissingParameter, InvalidParameterValue, InvalidMessageContents.
 *
 * @example
 * const request = readSendRequest(queue, input);
 */
export function readSendRequest(queue: Queue, input: Input): SendRequest {
  const body = optionalString(input, "MessageBody");
  if (body === undefined) throw missingParameter("MessageBody");
  if (body.length === 0)
    throw invalidParameter("MessageBody", body, "The message body must contain at least one character.");
  if (!hasOnlyAllowedCharacters(body)) {
    throw sqsError(
      "InvalidMessageContents",
      "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
    );
  }
  const delaySeconds = optionalInt(
    input,
    "DelaySeconds",
    0,
    LIMITS.maxDelaySeconds,
    "Must be between 0 and 900, if provided.",
  );
  const messageAttributes = checkMessageAttributes(input.MessageAttributes);
  const systemAttributes = checkSystemAttributes(input.MessageSystemAttributes);
  const size = utf8Length(body) + attributesSize(messageAttributes);
  if (size > queue.config.maximumMessageSize) {
    throw sqsError(
      "InvalidParameterValue",
      `One or more parameters are invalid. Reason: Message must be shorter than ${queue.config.maximumMessageSize} bytes.`,
    );
  }
  const groupId = fifoId(input, "MessageGroupId");
  const deduplicationId = fifoId(input, "MessageDeduplicationId");
  if (queue.fifo) {
    if (delaySeconds !== undefined && delaySeconds !== 0) {
      throw invalidParameter(
        "DelaySeconds",
        delaySeconds,
        "The request include parameter that is not valid for this queue type. (FIFO queues take delays only from the queue's DelaySeconds)",
      );
    }
    if (groupId === undefined) throw missingParameter("MessageGroupId");
    if (deduplicationId === undefined && !queue.config.contentBasedDeduplication) {
      throw invalidParameter(
        "MessageDeduplicationId",
        "",
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
      );
    }
  } else if (deduplicationId !== undefined) {
    throw invalidParameter(
      "MessageDeduplicationId",
      deduplicationId,
      "The request include parameter that is not valid for this queue type",
    );
  }
  return { body, delaySeconds, messageAttributes, systemAttributes, groupId, deduplicationId };
}

function fifoId(input: Input, name: string): string | undefined {
  const value = optionalString(input, name);
  if (value !== undefined && !FIFO_ID.test(value)) {
    throw invalidParameter(
      name,
      value,
      `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
  return value;
}

/**
 * Adds a checked message to the queue: FIFO deduplication (5 minutes from the first send, by id
 * or by the body's SHA-256), delay (per message or the queue's), the reorder knob's extra delay on
 * standard queues, then wakes long polls. Returns SendMessage's result.
 *
 * @example
 * const { MessageId } = enqueue(engine, queue, readSendRequest(queue, input), "000000000000");
 */
export function enqueue(
  engine: SqsEngine,
  queue: Queue,
  request: SendRequest,
  senderId: string,
): SendMessageResult {
  const nowMs = engine.kernel.nowMs();
  const dedupKey = deduplicationKey(queue, request);
  const md5s = {
    MD5OfMessageBody: md5OfBody(request.body),
    ...optional("MD5OfMessageAttributes", md5OfAttributes(request.messageAttributes)),
    ...optional("MD5OfMessageSystemAttributes", md5OfAttributes(request.systemAttributes)),
  };
  if (dedupKey !== undefined) {
    queue.pruneDedup(nowMs, LIMITS.deduplicationWindowMs);
    const seen = queue.dedup.get(dedupKey);
    // A duplicate within the window is accepted and answered as the first send was, but not queued.
    if (seen !== undefined) {
      return { MessageId: seen.messageId, ...md5s, ...optional("SequenceNumber", seen.sequenceNumber) };
    }
  }
  const messageId = engine.kernel.uuid(`sqs.${queue.name}.messageId`);
  const sequenceNumber = queue.fifo ? engine.nextSequenceNumber() : undefined;
  const delayMs = (request.delaySeconds ?? queue.config.delaySeconds) * 1000 + reorderDelayMs(engine, queue);
  const message: StoredMessage = {
    key: engine.nextKey(),
    messageId,
    body: request.body,
    md5OfBody: md5s.MD5OfMessageBody,
    messageAttributes: request.messageAttributes,
    systemAttributes: request.systemAttributes,
    md5OfMessageAttributes: md5s.MD5OfMessageAttributes,
    md5OfMessageSystemAttributes: md5s.MD5OfMessageSystemAttributes,
    senderId,
    sentAtMs: nowMs,
    retainedFromMs: nowMs,
    visibleAtMs: nowMs + delayMs,
    receiveCount: 0,
    firstReceiveAtMs: undefined,
    lastReceiveAtMs: undefined,
    receiptSerial: 0,
    groupId: request.groupId,
    deduplicationId: queue.fifo ? (request.deduplicationId ?? dedupKeyId(request)) : undefined,
    sequenceNumber,
    isDuplicateCopy: false,
    deadLetterSourceArn: undefined,
    sentInSpanId: engine.kernel.currentSpanId(),
  };
  if (dedupKey !== undefined) queue.dedup.set(dedupKey, { firstSentAtMs: nowMs, messageId, sequenceNumber });
  queue.counters.sent++;
  addMessage(engine, queue, message);
  return { MessageId: messageId, ...md5s, ...optional("SequenceNumber", sequenceNumber) };
}

/**
 * Stores a message in a queue (a send, a duplicate copy or a dead-letter move) and wakes long polls.
 *
 * @example
 * addMessage(engine, deadLetterQueue, movedMessage);
 */
export function addMessage(engine: SqsEngine, queue: Queue, message: StoredMessage): void {
  queue.messages.set(message.key, message);
  armExpiry(engine, queue, message.retainedFromMs + queue.config.messageRetentionPeriodSeconds * 1000);
  notifyWaiters(engine, queue);
}

function deduplicationKey(queue: Queue, request: SendRequest): string | undefined {
  if (!queue.fifo) return undefined;
  const id = request.deduplicationId ?? dedupKeyId(request);
  return queue.config.deduplicationScope === "messageGroup" ? `${request.groupId}\u0000${id}` : id;
}

/** Content-based deduplication id: the SHA-256 of the body (attributes are not part of it). */
function dedupKeyId(request: SendRequest): string {
  return createHash("sha256").update(request.body, "utf8").digest("hex");
}

// Standard queues only: FIFO queues keep their order whatever the faults.
function reorderDelayMs(engine: SqsEngine, queue: Queue): number {
  if (queue.fifo) return 0;
  const { reorderWindowMs, deliveryDelayMsMax } = engine.settings;
  return (
    faultDurationMs(engine.kernel, "sqs.reorder", reorderWindowMs, queue.name) +
    faultDurationMs(engine.kernel, "sqs.deliveryDelay", deliveryDelayMsMax, queue.name)
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

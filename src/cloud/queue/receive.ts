import type { Message, MessageSystemAttributeName, ReceiveMessageResult } from "@aws-sdk/client-sqs";
import type { SqsEngine } from "./engine.ts";
import { sqsError, unmodelled } from "./errors.ts";
import { type Input, optionalInt, optionalString, optionalStringList, requiredString } from "./input.ts";
import { type ReceiveRequest, receiveOrWait } from "./long-poll.ts";
import { md5OfAttributes, selectAttributes } from "./message-attributes.ts";
import { LIMITS } from "./model.ts";
import { isKnownAttributeName } from "./queue-attributes.ts";
import type { Delivery } from "./select.ts";

const SYSTEM_NAMES: readonly MessageSystemAttributeName[] = [
  "ApproximateReceiveCount",
  "ApproximateFirstReceiveTimestamp",
  "SentTimestamp",
  "SenderId",
  "MessageGroupId",
  "MessageDeduplicationId",
  "SequenceNumber",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
];

/** Which attributes a receive returns with each message. */
export interface AttributeSelection {
  readonly systemNames: ReadonlySet<string>;
  readonly messageAttributeNames: readonly string[];
}

/** Every system attribute and every message attribute: what internal pollers get. */
export const ALL_ATTRIBUTES: AttributeSelection = {
  systemNames: new Set(SYSTEM_NAMES),
  messageAttributeNames: ["All"],
};

/**
 * ReceiveMessage: checks the request (MaxNumberOfMessages 1–10, VisibilityTimeout 0–43200,
 * WaitTimeSeconds 0–20, attribute names), then receives, long polling for WaitTimeSeconds (or the
 * queue's ReceiveMessageWaitTimeSeconds). The wait is a foreground action: the caller's code is
 * waiting on it, as on a real HTTP request.
 *
 * @example
 * const { Messages } = await receiveMessage(engine, { QueueUrl: url, WaitTimeSeconds: 20 });
 */
export async function receiveMessage(engine: SqsEngine, input: Input): Promise<ReceiveMessageResult> {
  const queue = engine.byUrl("ReceiveMessage", requiredString(input, "QueueUrl"));
  const maxMessages =
    optionalInt(
      input,
      "MaxNumberOfMessages",
      1,
      LIMITS.maxBatchEntries,
      "Must be between 1 and 10, if provided.",
    ) ?? 1;
  const visibilityTimeoutSeconds = optionalInt(
    input,
    "VisibilityTimeout",
    0,
    LIMITS.maxVisibilityTimeoutSeconds,
    "Must be between 0 and 43200, if provided.",
  );
  const waitTimeSeconds =
    optionalInt(
      input,
      "WaitTimeSeconds",
      0,
      LIMITS.maxWaitTimeSeconds,
      "Must be >= 0 and <= 20, if provided.",
    ) ?? queue.config.receiveMessageWaitTimeSeconds;
  if (optionalString(input, "ReceiveRequestAttemptId") !== undefined) {
    throw unmodelled("ReceiveMessage", "ReceiveRequestAttemptId (receive deduplication)");
  }
  const selection = readSelection(input);
  const request: ReceiveRequest = { maxMessages, visibilityTimeoutSeconds, waitTimeSeconds };
  const deliveries = await receiveOrWait(engine, queue, request, false);
  const messages = deliveries.map((d) => toMessage(d, selection));
  return messages.length === 0 ? {} : { Messages: messages };
}

function readSelection(input: Input): AttributeSelection {
  const names = [
    ...(optionalStringList(input, "AttributeNames") ?? []),
    ...(optionalStringList(input, "MessageSystemAttributeNames") ?? []),
  ];
  for (const name of names) {
    // AttributeNames is typed as queue attribute names in the SDK; those are accepted and ignored.
    if (
      name !== "All" &&
      !SYSTEM_NAMES.includes(name as MessageSystemAttributeName) &&
      !isKnownAttributeName(name)
    ) {
      throw sqsError("InvalidAttributeName", `Unknown Attribute ${name}.`);
    }
  }
  const systemNames = names.includes("All") ? new Set<string>(SYSTEM_NAMES) : new Set(names);
  const messageAttributeNames = optionalStringList(input, "MessageAttributeNames") ?? [];
  return { systemNames, messageAttributeNames };
}

/**
 * A delivery in the SDK's Message shape with the selected attributes; MD5OfMessageAttributes is
 * computed over the message attributes returned, as clients verify it.
 *
 * @example
 * const message = toMessage(delivery, ALL_ATTRIBUTES);
 */
export function toMessage(delivery: Delivery, selection: AttributeSelection): Message {
  const { message, receiptHandle } = delivery;
  const all: Partial<Record<MessageSystemAttributeName, string | undefined>> = {
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveAtMs ?? message.lastReceiveAtMs),
    SentTimestamp: String(message.sentAtMs),
    SenderId: message.senderId,
    MessageGroupId: message.groupId,
    MessageDeduplicationId: message.deduplicationId,
    SequenceNumber: message.sequenceNumber,
    AWSTraceHeader: message.systemAttributes.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
  const attributes: Partial<Record<MessageSystemAttributeName, string>> = {};
  for (const name of SYSTEM_NAMES) {
    const value = all[name];
    if (value !== undefined && selection.systemNames.has(name)) attributes[name] = value;
  }
  const messageAttributes = selectAttributes(message.messageAttributes, selection.messageAttributeNames);
  const allSelected = Object.keys(messageAttributes).length === Object.keys(message.messageAttributes).length;
  // The digest of every attribute was computed at send time; recompute only for a subset.
  const md5 = allSelected ? message.md5OfMessageAttributes : md5OfAttributes(messageAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(md5 === undefined ? {} : { MD5OfMessageAttributes: md5, MessageAttributes: messageAttributes }),
  };
}

import type { PublishBatchRequestEntry, PublishInput } from "@aws-sdk/client-sns";
import { readAttributes } from "./attributes.ts";
import { invalidParameter } from "./errors.ts";
import type { DeliveredAttribute, Topic } from "./model.ts";
import { type Input, isRecord, optionalString } from "./request.ts";

/** The members Publish and a PublishBatch entry share. */
type MessageFields = keyof PublishInput & keyof PublishBatchRequestEntry;

/** SNS's maximum message size: body and attributes together. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** A validated message, before ids are given. */
export interface PublishedMessage {
  readonly message: string;
  readonly subject: string | undefined;
  /** MessageStructure `json`: the message per protocol, with `default`. */
  readonly perProtocol: Readonly<Record<string, string>> | undefined;
  readonly attributes: Readonly<Record<string, DeliveredAttribute>>;
  readonly messageGroupId: string | undefined;
  readonly messageDeduplicationId: string | undefined;
  readonly sizeBytes: number;
}

/**
 * Validates one message (Publish's members or a PublishBatch entry) for a topic, with SNS's
 * errors: empty message, Subject, MessageStructure, attributes, the 256 KiB limit, and the FIFO
 * rules for MessageGroupId / MessageDeduplicationId.
 *
 * @example
 * const message = readMessage(topic, { Message: "hello", Subject: "greeting" });
 */
export function readMessage(topic: Topic, input: Input): PublishedMessage {
  const message = optionalString<PublishInput>(input, "Message" satisfies MessageFields);
  if (message === undefined || message === "") throw invalidParameter("Invalid parameter: Empty message");
  const subject = optionalString<PublishInput>(input, "Subject" satisfies MessageFields);
  if (subject !== undefined && !/^[\x20-\x7e]{1,99}$/.test(subject)) {
    throw invalidParameter("Invalid parameter: Subject");
  }
  const structure = optionalString<PublishInput>(input, "MessageStructure" satisfies MessageFields);
  if (structure !== undefined && structure !== "json")
    throw invalidParameter("Invalid parameter: MessageStructure");
  const perProtocol = structure === "json" ? readStructure(message) : undefined;
  const { attributes, sizeBytes: attributeBytes } = readAttributes(input);
  const sizeBytes = Buffer.byteLength(message, "utf8") + attributeBytes;
  if (sizeBytes > MAX_MESSAGE_BYTES) throw invalidParameter("Invalid parameter: Message too long");
  const groupId = optionalString<PublishInput>(input, "MessageGroupId" satisfies MessageFields);
  const dedupId = optionalString<PublishInput>(input, "MessageDeduplicationId" satisfies MessageFields);
  checkFifoMembers(topic, groupId, dedupId);
  return {
    message,
    subject,
    perProtocol,
    attributes,
    messageGroupId: groupId,
    messageDeduplicationId: dedupId,
    sizeBytes,
  };
}

function readStructure(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
  }
  if (!isRecord(parsed) || typeof parsed.default !== "string") {
    throw invalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body");
  }
  const out: Record<string, string> = {};
  for (const [protocol, text] of Object.entries(parsed)) {
    if (typeof text !== "string") {
      throw invalidParameter(
        `Invalid parameter: Message Structure - the "${protocol}" entry must be a string`,
      );
    }
    out[protocol] = text;
  }
  return out;
}

function checkFifoMembers(topic: Topic, groupId: string | undefined, dedupId: string | undefined): void {
  const idPattern = /^[\x21-\x7e]{1,128}$/;
  if (groupId !== undefined && !idPattern.test(groupId)) {
    throw invalidParameter("Invalid parameter: MessageGroupId");
  }
  if (!topic.fifo) {
    // A standard topic takes a MessageGroupId (forwarded to SQS standard queues for fair
    // queueing) but no deduplication id.
    if (dedupId !== undefined) {
      throw invalidParameter(
        "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
      );
    }
    return;
  }
  if (groupId === undefined) {
    throw invalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
  }
  if (dedupId !== undefined && !idPattern.test(dedupId)) {
    throw invalidParameter("Invalid parameter: MessageDeduplicationId");
  }
  if (dedupId === undefined && !topic.contentBasedDeduplication) {
    throw invalidParameter(
      "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
  }
}

/**
 * The message a protocol receives: its MessageStructure entry, else `default`, else the message.
 *
 * @example
 * messageFor(message, "lambda"); // the "lambda" entry of a MessageStructure json message
 */
export function messageFor(message: PublishedMessage, protocol: string): string {
  return message.perProtocol?.[protocol] ?? message.perProtocol?.default ?? message.message;
}

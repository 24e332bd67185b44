import type { SNSEventRecord, SQSRecord } from "aws-lambda";
import { SquallError } from "../core/errors.ts";
import { md5OfMessageAttributes } from "./events/sqs-attributes.ts";

/** The attribute or field name {@link stampSequence} writes. */
export const SEQUENCE_NAME = "sequence";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function records(event: Record<string, unknown>, source: string, field: string): unknown[] | undefined {
  const list = event.Records;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.every((r) => isObject(r) && r[field] === source) ? list : undefined;
}

function stampSqs(record: SQSRecord, sequence: number): SQSRecord {
  const messageAttributes = {
    ...record.messageAttributes,
    [SEQUENCE_NAME]: {
      stringValue: String(sequence),
      stringListValues: [],
      binaryListValues: [],
      dataType: "Number",
    },
  };
  // Keep the record consistent, as SQS would have computed it at send time.
  return { ...record, messageAttributes, md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes) };
}

function stampSns(record: SNSEventRecord, sequence: number): SNSEventRecord {
  const attributes = {
    ...record.Sns.MessageAttributes,
    [SEQUENCE_NAME]: { Type: "Number", Value: String(sequence) },
  };
  return { ...record, Sns: { ...record.Sns, MessageAttributes: attributes } };
}

/**
 * Stamps a sequence number into an event's metadata, where a handler would look for it: a
 * `sequence` message attribute (Number) on every record of an SQS or SNS batch, a `sequence`
 * field in an EventBridge event's `detail`, or a `sequence` field of a plain object (a direct
 * invocation's payload). Returns a new event; the original is left alone.
 *
 * @example
 * stampSequence({ sku: "A", level: 7 }, 2); // { sku: "A", level: 7, sequence: 2 }
 * stampSequence(sqsEvent([{ body: change }]), 2).Records[0].messageAttributes.sequence.stringValue; // "2"
 */
export function stampSequence<E>(event: E, sequence: number): E {
  if (!isObject(event))
    throw new SquallError(
      `assertOrdering: cannot stamp a sequence number into ${JSON.stringify(event)}; the default stamp handles SQS and SNS batches, EventBridge events and plain objects. Pass stamp: (event, sequence) => …`,
    );
  const sqs = records(event, "aws:sqs", "eventSource");
  if (sqs !== undefined) return { ...event, Records: (sqs as SQSRecord[]).map((r) => stampSqs(r, sequence)) };
  const sns = records(event, "aws:sns", "EventSource");
  if (sns !== undefined)
    return { ...event, Records: (sns as SNSEventRecord[]).map((r) => stampSns(r, sequence)) };
  if (typeof event["detail-type"] === "string" && isObject(event.detail))
    return { ...event, detail: { ...event.detail, [SEQUENCE_NAME]: sequence } };
  return { ...event, [SEQUENCE_NAME]: sequence };
}

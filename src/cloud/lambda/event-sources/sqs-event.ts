import type { Message, MessageAttributeValue } from "@aws-sdk/client-sqs";
import type { SQSMessageAttribute, SQSRecord, SQSRecordAttributes } from "aws-lambda";

// The system attributes Lambda puts in a record, in the order its events print them.
const RECORD_ATTRIBUTES = [
  "AWSTraceHeader",
  "ApproximateReceiveCount",
  "SentTimestamp",
  "SequenceNumber",
  "MessageGroupId",
  "SenderId",
  "MessageDeduplicationId",
  "ApproximateFirstReceiveTimestamp",
  "DeadLetterQueueSourceArn",
] as const;

/**
 * A received message as Lambda hands it to a function in an `SQSEvent`: lower-camel-case keys,
 * the system attributes, message attributes in Lambda's form (binary values in base64, empty
 * list fields as Lambda sends them), `eventSource: "aws:sqs"`.
 *
 * @example
 * const event: SQSEvent = { Records: messages.map((m) => toSqsRecord(m, queueArn, "us-east-1")) };
 */
export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes: Record<string, string> = {};
  for (const name of RECORD_ATTRIBUTES) {
    const value = message.Attributes?.[name];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: Record<string, SQSMessageAttribute> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {}))
    messageAttributes[name] = toLambdaAttribute(value);
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: attributes as unknown as SQSRecordAttributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? "",
    ...(message.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function toLambdaAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  return {
    ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
    ...(value.BinaryValue === undefined ? {} : { binaryValue: base64(value.BinaryValue) }),
    stringListValues: [...(value.StringListValues ?? [])],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType ?? "String",
  };
}

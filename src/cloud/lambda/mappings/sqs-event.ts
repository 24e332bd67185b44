import type { Message, MessageAttributeValue } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from "aws-lambda";

function base64(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString("base64");
}

// Lambda spells the attributes in lower camel case and always includes both list members.
function lambdaAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    const binary = base64(value.BinaryValue);
    out[name] = {
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      ...(binary === undefined ? {} : { binaryValue: binary }),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType ?? "String",
    };
  }
  return out;
}

/**
 * The event Lambda's SQS poller hands a function for a batch of received messages, in the shape
 * of `SQSEvent` (aws-lambda types): one record per message with its system attributes.
 *
 * @example const event = toSqsEvent(messages, "arn:aws:sqs:us-east-1:000000000000:Orders", "us-east-1");
 */
export function toSqsEvent(messages: readonly Message[], queueArn: string, region: string): SQSEvent {
  const Records = messages.map(
    (m): SQSRecord => ({
      messageId: m.MessageId ?? "",
      receiptHandle: m.ReceiptHandle ?? "",
      body: m.Body ?? "",
      attributes: { ...(m.Attributes ?? {}) } as SQSRecord["attributes"],
      messageAttributes: lambdaAttributes(m.MessageAttributes),
      md5OfBody: m.MD5OfBody ?? "",
      ...(m.MD5OfMessageAttributes === undefined ? {} : { md5OfMessageAttributes: m.MD5OfMessageAttributes }),
      eventSource: "aws:sqs",
      eventSourceARN: queueArn,
      awsRegion: region,
    }),
  );
  return { Records };
}

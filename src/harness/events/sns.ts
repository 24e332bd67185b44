import type { SNSEvent, SNSEventRecord, SNSMessage, SNSMessageAttributes } from "aws-lambda";
import { arn, bodyText, type FactoryOptions, resolveOptions, tokenFrom } from "./options.ts";

/**
 * One SNS notification as a test writes it: a message string, or a partial {@link SNSMessage}
 * whose `Message` may be any JSON value and whose `MessageAttributes` may use shorthand values.
 */
export type SnsMessageInput = string | SnsNotificationInput;

/** A partial {@link SNSMessage}; `Message` may be an object, attributes may be shorthand. */
export interface SnsNotificationInput extends Partial<Omit<SNSMessage, "Message" | "MessageAttributes">> {
  Message?: unknown;
  MessageAttributes?: Record<string, SnsAttributeInput>;
}

/**
 * A message attribute: a string ("String"), a number ("Number"), a string array ("String.Array",
 * JSON-encoded as SNS delivers it) or the `{ Type, Value }` pair itself.
 */
export type SnsAttributeInput = string | number | readonly string[] | { Type: string; Value: string };

/** Options of {@link snsEvent}. */
export interface SnsEventOptions extends FactoryOptions {
  /** Default "squall-topic". */
  topicName?: string;
  /** Default: the ARN of `topicName`. */
  topicArn?: string;
  /** Default: `<topicArn>:<uuid>`, the ARN of the subscription that delivered the message. */
  subscriptionArn?: string;
}

/**
 * Builds an SNS batch as Lambda's SNS subscription delivers it (one record per notification in
 * practice). `Subject` is present only when given: SNS sends it as `null` when a publisher sets
 * none, which the `@types/aws-lambda` type models as absent.
 *
 * @example
 * const event = snsEvent([{ Message: { sku: "A1", qty: 3 }, MessageAttributes: { kind: "stock" } }]);
 */
export function snsEvent(messages: readonly SnsMessageInput[], options: SnsEventOptions = {}): SNSEvent {
  const { ids, nowMs, region, accountId } = resolveOptions(options);
  const topicArn = options.topicArn ?? arn("sns", region, accountId, options.topicName ?? "squall-topic");
  const subscriptionArn = options.subscriptionArn ?? `${topicArn}:${ids()}`;
  const timestamp = new Date(nowMs()).toISOString();
  const host = `https://sns.${region}.amazonaws.com`;
  const certId = tokenFrom(topicArn, 32).replace(/[^A-Za-z0-9]/g, "0");
  const Records = messages.map((message): SNSEventRecord => {
    const input: SnsNotificationInput = typeof message === "string" ? { Message: message } : message;
    const { Message, MessageAttributes, ...rest } = input;
    const messageId = rest.MessageId ?? ids();
    return {
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: subscriptionArn,
      Sns: {
        Type: "Notification",
        MessageId: messageId,
        TopicArn: topicArn,
        Message: Message === undefined ? "Hello from SNS!" : bodyText(Message, "snsEvent"),
        Timestamp: timestamp,
        SignatureVersion: "1",
        Signature: tokenFrom(`${messageId}:signature`, 344),
        SigningCertUrl: `${host}/SimpleNotificationService-${certId}.pem`,
        UnsubscribeUrl: `${host}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
        MessageAttributes: snsMessageAttributes(MessageAttributes ?? {}),
        ...rest,
      },
    };
  });
  return { Records };
}

/**
 * Normalises attributes to the `{ Type, Value }` pairs Lambda receives from SNS.
 *
 * @example
 * snsMessageAttributes({ qty: 3 }); // { qty: { Type: "Number", Value: "3" } }
 */
export function snsMessageAttributes(input: Record<string, SnsAttributeInput>): SNSMessageAttributes {
  const out: SNSMessageAttributes = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === "string") out[name] = { Type: "String", Value: value };
    else if (typeof value === "number") out[name] = { Type: "Number", Value: String(value) };
    else if (isStringArray(value)) out[name] = { Type: "String.Array", Value: JSON.stringify(value) };
    else out[name] = { Type: value.Type, Value: value.Value };
  }
  return out;
}

function isStringArray(value: SnsAttributeInput): value is readonly string[] {
  return Array.isArray(value);
}

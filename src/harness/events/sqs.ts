import type { SQSEvent, SQSRecord, SQSRecordAttributes } from "aws-lambda";
import { SquallError } from "../../core/errors.ts";
import {
  arn,
  bodyText,
  type FactoryOptions,
  md5Hex,
  resolveOptions,
  sha256Hex,
  tokenFrom,
} from "./options.ts";
import { md5OfMessageAttributes, type SqsAttributeInput, sqsMessageAttributes } from "./sqs-attributes.ts";

/**
 * One SQS message as a test writes it: a body string, or a partial record whose `body` may be any
 * JSON value (it is `JSON.stringify`-ed) and whose fields override the defaults.
 */
export type SqsMessageInput = string | SqsRecordInput;

/** A partial {@link SQSRecord}; `body` may be an object, `messageAttributes` use shorthand values. */
export interface SqsRecordInput
  extends Partial<Omit<SQSRecord, "body" | "attributes" | "messageAttributes">> {
  body?: unknown;
  attributes?: Partial<SQSRecordAttributes>;
  messageAttributes?: Record<string, SqsAttributeInput>;
}

/** Options of {@link sqsEvent}. */
export interface SqsEventOptions extends FactoryOptions {
  /** Default "squall-queue", or "squall-queue.fifo" when `fifo`. */
  queueName?: string;
  /** Default: the ARN of `queueName` in `region` and `accountId`. */
  eventSourceARN?: string;
  /** Adds MessageGroupId, MessageDeduplicationId and SequenceNumber. Default: queue name ends in ".fifo". */
  fifo?: boolean;
  /** FIFO only. Default "default". */
  messageGroupId?: string;
  /** The IAM id of the sender. Default: an example role session id. */
  senderId?: string;
  /** Default 1: the first delivery. */
  approximateReceiveCount?: number;
}

const DEFAULT_SENDER_ID = "AROAEXAMPLEROLEID0001:squall-sender";
const DEFAULT_BODY = "Hello from SQS!";

/**
 * Builds an SQS batch exactly as the Lambda event source mapping delivers it: a uuid `messageId`,
 * a receipt handle, the system attributes as strings, message attributes in Lambda's lower-camel
 * form, the real MD5 of the body (and of the attributes when there are any).
 *
 * @example
 * const event = sqsEvent(["plain text", { body: { orderId: "o-1" }, messageAttributes: { tenant: "acme" } }]);
 * await handler(event, lambdaContext());
 */
export function sqsEvent(messages: readonly SqsMessageInput[], options: SqsEventOptions = {}): SQSEvent {
  const resolved = resolveOptions(options);
  const queueName = options.queueName ?? (options.fifo ? "squall-queue.fifo" : "squall-queue");
  const eventSourceARN = options.eventSourceARN ?? arn("sqs", resolved.region, resolved.accountId, queueName);
  const fifo = options.fifo ?? eventSourceARN.endsWith(".fifo");
  if (fifo !== eventSourceARN.endsWith(".fifo")) {
    throw new SquallError(
      `sqsEvent: queue "${eventSourceARN}" ${fifo ? "is marked fifo but its name does not" : "is not marked fifo but its name does"} end in ".fifo". SQS names FIFO queues, and only them, with that suffix: fix the queueName or the fifo option.`,
    );
  }
  const nowMs = resolved.nowMs();
  const Records = messages.map((message, index) => {
    const input: SqsRecordInput = typeof message === "string" ? { body: message } : message;
    return sqsRecord(input, {
      ids: resolved.ids,
      region: resolved.region,
      options,
      eventSourceARN,
      fifo,
      index,
      nowMs,
    });
  });
  return { Records };
}

interface RecordContext {
  ids: () => string;
  region: string;
  options: SqsEventOptions;
  eventSourceARN: string;
  fifo: boolean;
  index: number;
  nowMs: number;
}

function sqsRecord(input: SqsRecordInput, context: RecordContext): SQSRecord {
  const { nowMs } = context;
  const { body: rawBody, attributes, messageAttributes: attributeInput, ...rest } = input;
  const body = rawBody === undefined ? DEFAULT_BODY : bodyText(rawBody, "sqsEvent");
  const messageId = rest.messageId ?? context.ids();
  const messageAttributes = sqsMessageAttributes(attributeInput ?? {});
  const hasAttributes = Object.keys(messageAttributes).length > 0;
  return {
    messageId,
    receiptHandle: `AQEB${tokenFrom(`${messageId}:receipt`, 148)}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(context.options.approximateReceiveCount ?? 1),
      SentTimestamp: String(nowMs),
      SenderId: context.options.senderId ?? DEFAULT_SENDER_ID,
      ApproximateFirstReceiveTimestamp: String(nowMs),
      ...(context.fifo ? fifoAttributes(body, context.options, nowMs, context.index) : {}),
      ...attributes,
    },
    messageAttributes,
    md5OfBody: md5Hex(body),
    ...(hasAttributes ? { md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes) } : {}),
    eventSource: "aws:sqs",
    eventSourceARN: context.eventSourceARN,
    awsRegion: context.region,
    ...rest,
  };
}

/** FIFO system attributes; the deduplication id is content-based (SHA-256 of the body), as SQS derives it. */
function fifoAttributes(
  body: string,
  options: SqsEventOptions,
  nowMs: number,
  index: number,
): Partial<SQSRecordAttributes> {
  // SQS FIFO sequence numbers are large, 20-digit and strictly increasing within a group.
  const sequenceNumber = 18_000_000_000_000_000_000n + BigInt(nowMs) * 1000n + BigInt(index);
  return {
    MessageGroupId: options.messageGroupId ?? "default",
    MessageDeduplicationId: sha256Hex(body),
    SequenceNumber: sequenceNumber.toString(),
  };
}

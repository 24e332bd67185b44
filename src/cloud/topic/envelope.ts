import { createHash } from "node:crypto";
import type { SNSEvent, SNSMessage } from "aws-lambda";
import { real } from "../../core/real.ts";
import { envelopeAttributes } from "./attributes.ts";
import { messageFor, type PublishedMessage } from "./message.ts";
import type { QueueDelivery, Subscription } from "./model.ts";

/** A published message with the ids and time SNS gave it. */
export interface Notification {
  readonly published: PublishedMessage;
  readonly messageId: string;
  readonly topicArn: string;
  readonly timestampMs: number;
  readonly region: string;
  readonly fifo: boolean;
  /** FIFO topics only. */
  readonly sequenceNumber: string | undefined;
  /** FIFO topics only: the explicit or content-based deduplication id. */
  readonly deduplicationId: string | undefined;
}

/**
 * What an SQS subscription receives: the SNS JSON notification as the body, or with
 * RawMessageDelivery the message itself with the attributes as SQS message attributes. Group and
 * deduplication ids go to FIFO queues so group order survives the hop (see {@link groupIds}).
 *
 * @example
 * endpoints.deliverToQueue(sub.endpoint, queueDelivery(notification, sub));
 */
export function queueDelivery(notification: Notification, subscription: Subscription): QueueDelivery {
  const { published } = notification;
  const fifoIds = groupIds(notification, subscription.endpoint.endsWith(".fifo"));
  if (subscription.rawMessageDelivery) {
    const attributes = published.attributes;
    return {
      body: messageFor(published, "sqs"),
      ...(Object.keys(attributes).length === 0 ? {} : { messageAttributes: { ...attributes } }),
      ...fifoIds,
    };
  }
  return { body: JSON.stringify(sqsEnvelope(notification, subscription)), ...fifoIds };
}

/**
 * The ids a queue gets: FIFO topics pass group and deduplication ids to FIFO queues (standard
 * queues get neither); standard topics pass a MessageGroupId on to standard queues, where it
 * drives SQS fair queues.
 */
function groupIds(
  notification: Notification,
  fifoQueue: boolean,
): Pick<QueueDelivery, "messageGroupId" | "messageDeduplicationId"> {
  const groupId = notification.published.messageGroupId;
  if (groupId === undefined || notification.fifo !== fifoQueue) return {};
  const dedupId = notification.deduplicationId;
  return { messageGroupId: groupId, ...(dedupId === undefined ? {} : { messageDeduplicationId: dedupId }) };
}

/** The SNS JSON notification, with the member names and order of an SQS delivery. */
function sqsEnvelope(notification: Notification, subscription: Subscription): Record<string, unknown> {
  const { published } = notification;
  const signed = signedFields(notification, subscription, messageFor(published, "sqs"));
  const attributes = envelopeAttributes(published.attributes);
  return {
    Type: "Notification",
    MessageId: notification.messageId,
    ...(notification.sequenceNumber === undefined ? {} : { SequenceNumber: notification.sequenceNumber }),
    TopicArn: notification.topicArn,
    ...(published.subject === undefined ? {} : { Subject: published.subject }),
    Message: messageFor(published, "sqs"),
    Timestamp: new real.Date(notification.timestampMs).toISOString(),
    SignatureVersion: signed.signatureVersion,
    Signature: signed.signature,
    SigningCertURL: signed.signingCertUrl,
    UnsubscribeURL: signed.unsubscribeUrl,
    ...(Object.keys(attributes).length === 0 ? {} : { MessageAttributes: attributes }),
  };
}

/**
 * The event a Lambda subscription is invoked with (one record, as SNS always sends).
 *
 * @example
 * endpoints.invokeFunction(sub.endpoint, lambdaEvent(notification, sub));
 */
export function lambdaEvent(notification: Notification, subscription: Subscription): SNSEvent {
  const { published } = notification;
  const message = messageFor(published, "lambda");
  const signed = signedFields(notification, subscription, message);
  // Dates from the real constructor: the time is virtual already, and the patched one is a proxy.
  const sns: SNSMessage = {
    Type: "Notification",
    MessageId: notification.messageId,
    TopicArn: notification.topicArn,
    Message: message,
    Timestamp: new real.Date(notification.timestampMs).toISOString(),
    SignatureVersion: signed.signatureVersion,
    Signature: signed.signature,
    SigningCertUrl: signed.signingCertUrl,
    UnsubscribeUrl: signed.unsubscribeUrl,
    MessageAttributes: envelopeAttributes(published.attributes),
  };
  // Lambda events carry `"Subject": null` when there is none; @types/aws-lambda only knows
  // `Subject?: string`, so the null is put in past the type, as AWS sends it.
  Object.assign(sns, { Subject: published.subject ?? null });
  return {
    Records: [
      { EventSource: "aws:sns", EventVersion: "1.0", EventSubscriptionArn: subscription.arn, Sns: sns },
    ],
  };
}

/**
 * Signature fields. The signature is a deterministic SHA-256 digest of the notification, not an
 * RSA signature: nothing in a simulation can verify one against SNS's certificate.
 */
function signedFields(notification: Notification, subscription: Subscription, message: string) {
  const host = `https://sns.${notification.region}.amazonaws.com`;
  const digest = createHash("sha256")
    .update(`${notification.messageId}\n${notification.topicArn}\n${message}\n${notification.timestampMs}`)
    .digest("base64");
  return {
    signatureVersion: "1",
    signature: digest,
    signingCertUrl: `${host}/SimpleNotificationService-squall-simulated.pem`,
    unsubscribeUrl: `${host}/?Action=Unsubscribe&SubscriptionArn=${subscription.arn}`,
  };
}

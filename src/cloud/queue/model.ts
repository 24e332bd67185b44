import type { MessageAttributeValue, MessageSystemAttributeValue } from "@aws-sdk/client-sqs";

/** SQS's documented limits, in the units their names end with. */
export const LIMITS = {
  /** Largest message (body plus attributes) and largest batch request: 1 MiB since August 2025. */
  maxMessageBytes: 1_048_576,
  minMessageBytes: 1_024,
  maxBatchEntries: 10,
  maxMessageAttributes: 10,
  maxDelaySeconds: 900,
  maxVisibilityTimeoutSeconds: 43_200,
  minRetentionSeconds: 60,
  maxRetentionSeconds: 1_209_600,
  maxWaitTimeSeconds: 20,
  deduplicationWindowMs: 5 * 60_000,
  purgeIntervalMs: 60_000,
  /** After DeleteQueue, a queue of the same name cannot be created for 60 s. */
  recreateAfterDeleteMs: 60_000,
} as const;

/** A queue's settings, parsed from its attributes. */
export interface QueueConfig {
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriodSeconds: number;
  receiveMessageWaitTimeSeconds: number;
  visibilityTimeoutSeconds: number;
  redrivePolicy: RedrivePolicy | undefined;
  contentBasedDeduplication: boolean;
  /** FIFO only: deduplicate per queue (default) or per message group. */
  deduplicationScope: "queue" | "messageGroup";
}

/** The parsed `RedrivePolicy` attribute. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/**
 * One message (or one duplicate copy of a message) held by a queue. Copies made by the
 * duplicate-delivery knob share the MessageId but have their own `key`, receipts and counts.
 */
export interface StoredMessage {
  /** Unique within the service; receipt handles name it. */
  readonly key: number;
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttributeValue>>;
  readonly systemAttributes: Readonly<Record<string, MessageSystemAttributeValue>>;
  readonly md5OfMessageAttributes: string | undefined;
  readonly md5OfMessageSystemAttributes: string | undefined;
  readonly senderId: string;
  /** SentTimestamp: when the message was first sent (kept when it moves to a DLQ). */
  readonly sentAtMs: number;
  /** Retention counts from here (the send, or for FIFO the move to a DLQ). */
  readonly retainedFromMs: number;
  /** Not receivable before this time (delay, reorder jitter or visibility timeout). */
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveAtMs: number | undefined;
  /** When the current receipt was issued, to bound visibility changes to 12 hours. */
  lastReceiveAtMs: number | undefined;
  /** Serial of the latest receipt handle; 0 before the first receive. */
  receiptSerial: number;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  readonly isDuplicateCopy: boolean;
  readonly deadLetterSourceArn: string | undefined;
  /** The trace span the send ran in (an invocation, an SDK call), for causality links. */
  readonly sentInSpanId: string | undefined;
}

/** Counters per queue, for the simulation API and reports. */
export interface QueueCounters {
  sent: number;
  received: number;
  /** Receives of a message already received before (its visibility timeout ran out). */
  redelivered: number;
  deleted: number;
  /** Deliveries of duplicate copies made by `duplicateDeliveryProbability`. */
  duplicatesDelivered: number;
  /** Messages this queue moved to its dead-letter queue. */
  movedToDeadLetterQueue: number;
  /** Messages removed because they outlived MessageRetentionPeriod. */
  expired: number;
}

/**
 * Whether a message can be received now.
 *
 * @example
 * if (isVisible(message, kernel.nowMs())) deliver(message);
 */
export function isVisible(message: StoredMessage, nowMs: number): boolean {
  return message.visibleAtMs <= nowMs;
}

/**
 * Whether a message has been received and its visibility timeout has not ended.
 *
 * @example
 * if (isInFlight(message, nowMs)) blockedGroups.add(message.groupId);
 */
export function isInFlight(message: StoredMessage, nowMs: number): boolean {
  return message.receiveCount > 0 && message.visibleAtMs > nowMs;
}

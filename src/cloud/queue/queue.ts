import type { QueueConfig, QueueCounters, StoredMessage } from "./model.ts";
import { parseConfig } from "./queue-attributes.ts";
import type { Delivery } from "./select.ts";

/** A ReceiveMessage waiting (long polling) for messages to become visible. */
export interface Waiter {
  readonly maxMessages: number;
  readonly visibilityTimeoutSeconds: number | undefined;
  readonly resolve: (deliveries: Delivery[]) => void;
  cancelEnd: () => void;
}

/** A remembered deduplication id of a FIFO queue (5-minute window from the first send). */
export interface DedupEntry {
  readonly firstSentAtMs: number;
  readonly messageId: string;
  readonly sequenceNumber: string | undefined;
}

/**
 * One queue's state: its attributes, its messages in send order, FIFO deduplication ids, long-poll
 * waiters and the timers that expire messages and wake waiters. Operations live in the files that
 * use it (send, select, receive, long-poll, retention).
 *
 * @example
 * const queue = new Queue("Orders", url, arn, false, kernel.nowMs(), attributes);
 */
export class Queue {
  /** Messages (and duplicate copies) by key; Map order is send order, which delivery follows. */
  readonly messages = new Map<number, StoredMessage>();
  readonly dedup = new Map<string, DedupEntry>();
  readonly waiters: Waiter[] = [];
  readonly counters: QueueCounters = {
    sent: 0,
    received: 0,
    redelivered: 0,
    deleted: 0,
    duplicatesDelivered: 0,
    movedToDeadLetterQueue: 0,
    expired: 0,
  };
  config: QueueConfig;
  lastModifiedAtMs: number;
  lastPurgeAtMs: number | undefined;
  tags: Record<string, string> = {};
  deleted = false;
  /** Retention sweep: when it fires next and how to cancel it. */
  expiryTimer: { atMs: number; cancel: () => void } | undefined;
  /** Long-poll wake-up at the next moment a message becomes visible. */
  wakeTimer: { atMs: number; cancel: () => void } | undefined;
  /** Set while waiters are being served, so that a send made meanwhile does not re-enter. */
  notifying = false;
  notifyAgain = false;

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly fifo: boolean,
    readonly createdAtMs: number,
    private attributeMap: Record<string, string>,
  ) {
    this.config = parseConfig(attributeMap);
    this.lastModifiedAtMs = createdAtMs;
  }

  /** The queue's settable attributes, as strings. */
  get attributes(): Readonly<Record<string, string>> {
    return this.attributeMap;
  }

  setAttributes(attributes: Record<string, string>, nowMs: number): void {
    this.attributeMap = attributes;
    this.config = parseConfig(attributes);
    this.lastModifiedAtMs = nowMs;
  }

  /** ApproximateNumberOfMessages, ...NotVisible and ...Delayed, exact here. */
  counts(nowMs: number): { visible: number; notVisible: number; delayed: number } {
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAtMs <= nowMs) visible++;
      else if (message.receiveCount > 0) notVisible++;
      else delayed++;
    }
    return { visible, notVisible, delayed };
  }

  /** Forgets deduplication ids older than the 5-minute window (Map order is first-send order). */
  pruneDedup(nowMs: number, windowMs: number): void {
    for (const [id, entry] of this.dedup) {
      if (nowMs - entry.firstSentAtMs < windowMs) break;
      this.dedup.delete(id);
    }
  }

  /** The earliest future moment a message becomes visible, if any. */
  nextVisibleAtMs(nowMs: number): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) {
      if (message.visibleAtMs > nowMs && (next === undefined || message.visibleAtMs < next)) {
        next = message.visibleAtMs;
      }
    }
    return next;
  }
}

import { faultFires } from "../../core/fault-draw.ts";
import type { SqsEngine } from "./engine.ts";
import { isInFlight, type StoredMessage } from "./model.ts";
import type { Queue } from "./queue.ts";
import { isExpired } from "./retention.ts";
import { addMessage } from "./send.ts";

/** A message handed to a receiver, with the receipt handle of this receive. */
export interface Delivery {
  readonly message: StoredMessage;
  readonly receiptHandle: string;
}

/**
 * Picks up to `maxMessages` receivable messages and delivers them: receive count, receipt handle,
 * visibility timeout. Messages whose receive would exceed the redrive policy's maxReceiveCount go to
 * the dead-letter queue instead, as SQS does. Standard queues go in send order (with the knobs off);
 * FIFO queues go group by group in order and skip every group with a message in flight.
 *
 * @example
 * const deliveries = takeMessages(engine, queue, 10, undefined);
 */
export function takeMessages(
  engine: SqsEngine,
  queue: Queue,
  maxMessages: number,
  visibilityTimeoutSeconds: number | undefined,
): Delivery[] {
  if (queue.deleted) return [];
  const nowMs = engine.kernel.nowMs();
  const picked = queue.fifo
    ? pickFifo(engine, queue, maxMessages, nowMs)
    : pickStandard(engine, queue, maxMessages, nowMs);
  const timeoutMs = (visibilityTimeoutSeconds ?? queue.config.visibilityTimeoutSeconds) * 1000;
  const deliveries = picked.map((message) => deliver(engine, queue, message, nowMs, timeoutMs));
  // Copies are added after the scan so that a message never comes twice in one response.
  for (const message of picked) maybeDuplicate(engine, queue, message, nowMs);
  return deliveries;
}

function pickStandard(engine: SqsEngine, queue: Queue, maxMessages: number, nowMs: number): StoredMessage[] {
  const picked: StoredMessage[] = [];
  for (const message of queue.messages.values()) {
    if (picked.length >= maxMessages) break;
    if (message.visibleAtMs > nowMs || dropIfGone(engine, queue, message, nowMs)) continue;
    picked.push(message);
  }
  return picked;
}

/**
 * FIFO: a group whose earliest remaining message is in flight or delayed yields nothing (that is
 * what keeps one batch per group in flight); others yield their messages in order. Groups are
 * served one after another, so a response holds as many messages of one group as possible.
 */
function pickFifo(engine: SqsEngine, queue: Queue, maxMessages: number, nowMs: number): StoredMessage[] {
  // Any in-flight message blocks its group, even one behind a message whose timeout ended.
  const blocked = new Set<string>();
  for (const message of queue.messages.values()) {
    if (isInFlight(message, nowMs)) blocked.add(message.groupId ?? "");
  }
  const byGroup = new Map<string, StoredMessage[]>();
  for (const message of queue.messages.values()) {
    const groupId = message.groupId ?? "";
    if (blocked.has(groupId)) continue;
    if (message.visibleAtMs > nowMs) {
      blocked.add(groupId);
      continue;
    }
    if (dropIfGone(engine, queue, message, nowMs)) continue;
    const group = byGroup.get(groupId) ?? [];
    if (group.length < maxMessages) group.push(message);
    byGroup.set(groupId, group);
  }
  return [...byGroup.values()].flat().slice(0, maxMessages);
}

/** Removes a message that expired, or moves it to the DLQ; true when it left the queue. */
function dropIfGone(engine: SqsEngine, queue: Queue, message: StoredMessage, nowMs: number): boolean {
  if (isExpired(queue, message.retainedFromMs, nowMs)) {
    queue.messages.delete(message.key);
    queue.counters.expired++;
    return true;
  }
  const policy = queue.config.redrivePolicy;
  if (policy === undefined || message.receiveCount < policy.maxReceiveCount) return false;
  const target = engine.byArn(policy.deadLetterTargetArn);
  // A deleted dead-letter queue moves nothing: the message stays, as if no policy were set.
  if (target === undefined || target.deleted) return false;
  queue.messages.delete(message.key);
  queue.counters.movedToDeadLetterQueue++;
  addMessage(engine, target, {
    ...message,
    key: engine.nextKey(),
    visibleAtMs: nowMs,
    receiptSerial: 0,
    // Standard queues keep the original enqueue time for retention; FIFO queues restart it.
    retainedFromMs: target.fifo ? nowMs : message.retainedFromMs,
    sequenceNumber: target.fifo ? engine.nextSequenceNumber() : undefined,
    deadLetterSourceArn: queue.arn,
  });
  return true;
}

function deliver(
  engine: SqsEngine,
  queue: Queue,
  message: StoredMessage,
  nowMs: number,
  timeoutMs: number,
): Delivery {
  message.receiveCount++;
  message.firstReceiveAtMs ??= nowMs;
  message.lastReceiveAtMs = nowMs;
  message.visibleAtMs = nowMs + timeoutMs;
  // The redelivery fault: the timeout lapses early, as when the consumer runs past it.
  if (
    !queue.fifo &&
    timeoutMs > 0 &&
    faultFires(engine.kernel, "sqs.redelivery", engine.settings.redeliveryProbability, queue.name)
  )
    message.visibleAtMs =
      nowMs + engine.kernel.nextInt(`fault.sqs.redelivery.${queue.name}.afterMs`, timeoutMs);
  queue.counters.received++;
  if (message.receiveCount > 1) queue.counters.redelivered++;
  if (message.isDuplicateCopy && message.receiveCount === 1) queue.counters.duplicatesDelivered++;
  return { message, receiptHandle: engine.issueReceipt(queue, message) };
}

/**
 * The at-least-once knob: with probability `duplicateDeliveryProbability` (drawn per delivered
 * message, label `fault.sqs.duplicateDelivery.<queue>`) a copy with the same MessageId becomes receivable at
 * once, independent of the original (deleting one leaves the other). Copies are not copied again.
 */
function maybeDuplicate(engine: SqsEngine, queue: Queue, message: StoredMessage, nowMs: number): void {
  const probability = engine.settings.duplicateDeliveryProbability;
  if (queue.fifo || message.isDuplicateCopy || probability === 0) return;
  if (!faultFires(engine.kernel, "sqs.duplicateDelivery", probability, queue.name)) return;
  addMessage(engine, queue, {
    ...message,
    key: engine.nextKey(),
    visibleAtMs: nowMs,
    receiveCount: 0,
    firstReceiveAtMs: undefined,
    lastReceiveAtMs: undefined,
    receiptSerial: 0,
    isDuplicateCopy: true,
  });
}

import type { SqsEngine } from "./engine.ts";
import { invalidParameter, sqsError } from "./errors.ts";
import { notifyWaiters } from "./long-poll.ts";
import { LIMITS } from "./model.ts";
import type { Queue } from "./queue.ts";

/**
 * Deletes the message a receipt handle names, with SQS's rules for old handles: a handle of a
 * message already deleted succeeds; on a standard queue a handle superseded by a later receive
 * succeeds without deleting (the latest handle is needed); on a FIFO queue a handle whose
 * visibility timeout has ended is rejected as expired.
 *
 * @example
 * deleteMessage(engine, queue, message.ReceiptHandle);
 */
export function deleteMessage(engine: SqsEngine, queue: Queue, receiptHandle: string): void {
  const { message, latest } = engine.readReceipt(queue, receiptHandle);
  if (message === undefined) return;
  if (queue.fifo && (!latest || message.visibleAtMs <= engine.kernel.nowMs())) {
    // SQS answers an expired handle with InvalidParameterValue, not ReceiptHandleIsInvalid.
    throw invalidParameter("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
  }
  if (!latest) return;
  queue.messages.delete(message.key);
  queue.counters.deleted++;
  // Deleting may unblock a FIFO group that long polls are waiting on.
  notifyWaiters(engine, queue);
}

/**
 * Sets a received message's visibility timeout to `seconds` from now. The message must be in
 * flight under this (latest) receipt, and the total since the receive may not pass 12 hours.
 *
 * @example
 * changeVisibility(engine, queue, handle, 0); // make it receivable again at once
 */
export function changeVisibility(
  engine: SqsEngine,
  queue: Queue,
  receiptHandle: string,
  seconds: number,
): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > LIMITS.maxVisibilityTimeoutSeconds) {
    throw invalidParameter("VisibilityTimeout", seconds, "Must be between 0 and 43200.");
  }
  const { message, latest } = engine.readReceipt(queue, receiptHandle);
  const nowMs = engine.kernel.nowMs();
  if (message === undefined) {
    throw invalidParameter(
      "ReceiptHandle",
      receiptHandle,
      "Message does not exist or is not available for visibility timeout change.",
    );
  }
  if (!latest) throw invalidParameter("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
  if (message.visibleAtMs <= nowMs) {
    throw sqsError(
      "MessageNotInflight",
      `The specified message isn't in flight. (ChangeMessageVisibility on "${queue.name}": its visibility timeout already ended)`,
    );
  }
  const sinceReceiveMs = nowMs - (message.lastReceiveAtMs ?? nowMs);
  if (sinceReceiveMs + seconds * 1000 > LIMITS.maxVisibilityTimeoutSeconds * 1000) {
    throw invalidParameter(
      "VisibilityTimeout",
      seconds,
      "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]",
    );
  }
  message.visibleAtMs = nowMs + seconds * 1000;
  notifyWaiters(engine, queue);
}

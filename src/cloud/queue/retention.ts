import type { SqsEngine } from "./engine.ts";
import type { Queue } from "./queue.ts";

/**
 * Makes sure the queue's retention sweep runs by `expiresAtMs`. One background timer per queue,
 * set for the earliest expiry, so a busy queue costs one pending action rather than one per
 * message; it is background so that retention alone never keeps `runUntilIdle()` busy.
 *
 * @example
 * armExpiry(engine, queue, message.retainedFromMs + queue.config.messageRetentionPeriodSeconds * 1000);
 */
export function armExpiry(engine: SqsEngine, queue: Queue, expiresAtMs: number): void {
  if (queue.deleted) return;
  if (queue.expiryTimer !== undefined && queue.expiryTimer.atMs <= expiresAtMs) return;
  queue.expiryTimer?.cancel();
  const delayMs = Math.max(0, expiresAtMs - engine.kernel.nowMs());
  const cancel = engine.kernel.schedule(delayMs, `sqs.${queue.name}.retention`, () => sweep(engine, queue), {
    background: true,
  });
  queue.expiryTimer = { atMs: expiresAtMs, cancel };
}

/**
 * Re-plans the sweep after MessageRetentionPeriod changed (existing messages follow the new period).
 *
 * @example
 * replanExpiry(engine, queue); // after SetQueueAttributes changed MessageRetentionPeriod
 */
export function replanExpiry(engine: SqsEngine, queue: Queue): void {
  queue.expiryTimer?.cancel();
  queue.expiryTimer = undefined;
  sweep(engine, queue);
}

/**
 * Whether a message has outlived the queue's MessageRetentionPeriod.
 *
 * @example
 * if (isExpired(queue, message.retainedFromMs, nowMs)) queue.messages.delete(message.key);
 */
export function isExpired(queue: Queue, retainedFromMs: number, nowMs: number): boolean {
  return retainedFromMs + queue.config.messageRetentionPeriodSeconds * 1000 <= nowMs;
}

/** Removes every expired message, then sets the timer for the next expiry. */
function sweep(engine: SqsEngine, queue: Queue): void {
  queue.expiryTimer = undefined;
  if (queue.deleted) return;
  const nowMs = engine.kernel.nowMs();
  const retentionMs = queue.config.messageRetentionPeriodSeconds * 1000;
  let nextMs: number | undefined;
  for (const message of queue.messages.values()) {
    const expiresAtMs = message.retainedFromMs + retentionMs;
    if (expiresAtMs <= nowMs) {
      queue.messages.delete(message.key);
      queue.counters.expired++;
    } else if (nextMs === undefined || expiresAtMs < nextMs) {
      nextMs = expiresAtMs;
    }
  }
  if (nextMs !== undefined) armExpiry(engine, queue, nextMs);
}

import type { SqsEngine } from "./engine.ts";
import type { Queue, Waiter } from "./queue.ts";
import { type Delivery, takeMessages } from "./select.ts";

/** What a receive asks for. */
export interface ReceiveRequest {
  readonly maxMessages: number;
  readonly visibilityTimeoutSeconds: number | undefined;
  readonly waitTimeSeconds: number;
}

/**
 * Receives from a queue, long polling when nothing is visible and `waitTimeSeconds` > 0: the
 * promise resolves as soon as a message becomes visible (a send, a delay or visibility timeout
 * ending, a FIFO group unblocking) or with nothing when the wait ends. Everything is driven by
 * kernel actions. A `background` wait does not keep `runUntilIdle()` busy, for pollers inside the
 * simulation; a message arriving still wakes it at once.
 *
 * @example
 * const deliveries = await receiveOrWait(engine, queue, { maxMessages: 10, visibilityTimeoutSeconds: undefined, waitTimeSeconds: 20 }, true);
 */
export function receiveOrWait(
  engine: SqsEngine,
  queue: Queue,
  request: ReceiveRequest,
  background: boolean,
): Promise<Delivery[]> {
  const now = takeMessages(engine, queue, request.maxMessages, request.visibilityTimeoutSeconds);
  if (now.length > 0 || request.waitTimeSeconds === 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const waiter: Waiter = {
      maxMessages: request.maxMessages,
      visibilityTimeoutSeconds: request.visibilityTimeoutSeconds,
      resolve,
      cancelEnd: () => {},
    };
    waiter.cancelEnd = engine.kernel.schedule(
      request.waitTimeSeconds * 1000,
      `sqs.${queue.name}.longPollEnd`,
      () => {
        removeWaiter(queue, waiter);
        armWake(engine, queue);
        resolve([]);
      },
      { background },
    );
    queue.waiters.push(waiter);
    armWake(engine, queue);
  });
}

/**
 * Serves waiting long polls, oldest first, after anything that may have made messages
 * receivable. Re-entrant calls (a send made while serving) are folded into the running one.
 *
 * @example
 * notifyWaiters(engine, queue); // after a send, delete or visibility change
 */
export function notifyWaiters(engine: SqsEngine, queue: Queue): void {
  if (queue.waiters.length === 0) return;
  if (queue.notifying) {
    queue.notifyAgain = true;
    return;
  }
  queue.notifying = true;
  try {
    do {
      queue.notifyAgain = false;
      for (const waiter of [...queue.waiters]) {
        const got = takeMessages(engine, queue, waiter.maxMessages, waiter.visibilityTimeoutSeconds);
        if (got.length === 0) continue;
        removeWaiter(queue, waiter);
        waiter.cancelEnd();
        waiter.resolve(got);
      }
    } while (queue.notifyAgain && queue.waiters.length > 0);
  } finally {
    queue.notifying = false;
  }
  armWake(engine, queue);
}

/**
 * Ends every wait on a deleted queue with no messages.
 *
 * @example
 * releaseWaiters(queue); // in DeleteQueue
 */
export function releaseWaiters(queue: Queue): void {
  for (const waiter of queue.waiters.splice(0)) {
    waiter.cancelEnd();
    waiter.resolve([]);
  }
  queue.wakeTimer?.cancel();
  queue.wakeTimer = undefined;
}

/**
 * Sets the wake-up for the next moment a message becomes visible while someone waits. It is a
 * foreground action: a delayed message or an expiring visibility timeout is work still to come.
 */
function armWake(engine: SqsEngine, queue: Queue): void {
  const nowMs = engine.kernel.nowMs();
  const atMs = queue.waiters.length === 0 ? undefined : queue.nextVisibleAtMs(nowMs);
  if (queue.wakeTimer !== undefined && queue.wakeTimer.atMs === atMs) return;
  queue.wakeTimer?.cancel();
  queue.wakeTimer = undefined;
  if (atMs === undefined) return;
  const cancel = engine.kernel.schedule(atMs - nowMs, `sqs.${queue.name}.wake`, () => {
    queue.wakeTimer = undefined;
    notifyWaiters(engine, queue);
  });
  queue.wakeTimer = { atMs, cancel };
}

function removeWaiter(queue: Queue, waiter: Waiter): void {
  const index = queue.waiters.indexOf(waiter);
  if (index >= 0) queue.waiters.splice(index, 1);
}

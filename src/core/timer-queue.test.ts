import { describe, expect, it } from "vitest";
import { type ScheduledAction, TimerQueue } from "./timer-queue.ts";

function action(id: number, dueMs: number, background = false): ScheduledAction {
  return {
    id,
    dueMs,
    seq: id,
    label: `a${id}`,
    run: () => undefined,
    context: undefined,
    repeatMs: undefined,
    cancelled: false,
    background,
  };
}

describe("TimerQueue", () => {
  it("counts an action out once, even when it is cancelled after it was taken to run", () => {
    const queue = new TimerQueue();
    const first = action(1, 10);
    queue.push(first);
    queue.push(action(2, 20));
    expect(queue.pop()).toBe(first);
    queue.cancel(first); // e.g. a timeout cleared after it fired
    expect(queue.foregroundSize).toBe(1);
    expect(queue.size).toBe(1);
  });

  it("counts a re-pushed (repeating) action back in", () => {
    const queue = new TimerQueue();
    const tick = action(1, 10, true);
    queue.push(tick);
    queue.pop();
    tick.dueMs = 20;
    queue.push(tick);
    expect(queue.size).toBe(1);
    queue.cancel(tick);
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
  });
});

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

describe("TimerQueue compaction", () => {
  it("keeps time order after rebuilding a heap full of cancelled actions", () => {
    const queue = new TimerQueue();
    const actions = Array.from({ length: 5000 }, (_, i) => action(i, (i * 7919) % 5000));
    for (const a of actions) queue.push(a);
    for (const a of actions) if (a.id % 5 !== 0) queue.cancel(a);
    expect(queue.size).toBe(1000);
    const due: number[] = [];
    for (let a = queue.pop(); a !== undefined; a = queue.pop()) due.push(a.dueMs);
    expect(due).toHaveLength(1000);
    expect(due).toEqual([...due].sort((x, y) => x - y));
  });
});

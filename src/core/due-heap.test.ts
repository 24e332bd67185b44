import { describe, expect, it } from "vitest";
import { type Due, DueHeap } from "./due-heap.ts";

interface Entry extends Due {
  readonly name: string;
}

// Entries numbered in the order they are made: the heap's owner sets `seq`, unique per entry.
let made = 0;
const entry = (name: string, dueMs: number): Entry => ({ name, dueMs, seq: made++, cancelled: false });

describe("DueHeap", () => {
  it("pops by due time, then in the order pushed, skipping cancelled entries", () => {
    const heap = new DueHeap<Entry>();
    const entries = [entry("c", 30), entry("a1", 10), entry("b", 20), entry("a2", 10), entry("x", 5)];
    for (const e of entries) heap.push(e);
    heap.cancel(entries[4] as Entry);
    expect(heap.size).toBe(4);
    const popped: string[] = [];
    for (let next = heap.pop(); next !== undefined; next = heap.pop()) popped.push(next.name);
    expect(popped).toEqual(["a1", "a2", "b", "c"]);
    expect(heap.size).toBe(0);
  });

  it("does not count out an entry twice when it is cancelled after being popped", () => {
    const heap = new DueHeap<Entry>();
    const [a, b] = [entry("a", 1), entry("b", 2)];
    heap.push(a);
    heap.push(b);
    heap.pop();
    expect(heap.cancel(a)).toBe(false);
    expect(heap.size).toBe(1);
    expect(heap.peek()?.name).toBe("b");
  });

  it("keeps its order when it rebuilds itself without a majority of cancelled entries", () => {
    const heap = new DueHeap<Entry>();
    // Due times in a scrambled order, with repeats so the seq tie-break matters.
    const entries = Array.from({ length: 3000 }, (_, i) => entry(String(i), (i * 7919) % 500));
    for (const e of entries) heap.push(e);
    for (const e of entries) if (Number(e.name) % 3 !== 0) heap.cancel(e);
    expect(heap.size).toBe(1000);
    expect(heap.liveEntries()).toHaveLength(1000);
    const popped: Entry[] = [];
    for (let next = heap.pop(); next !== undefined; next = heap.pop()) popped.push(next);
    const expected = entries
      .filter((e) => Number(e.name) % 3 === 0)
      .sort((x, y) => x.dueMs - y.dueMs || x.seq - y.seq);
    expect(popped.map((e) => e.name)).toEqual(expected.map((e) => e.name));
  });
});

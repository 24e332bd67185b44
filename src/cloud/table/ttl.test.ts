import { describe, expect, it } from "vitest";
import type { ItemChange } from "./change.ts";
import { ManualKernel } from "./streams/testing.ts";
import { TTL_MAX_AGE_MS, TtlSweeper, type TtlTableAccess } from "./ttl.ts";
import type { Item } from "./values.ts";

const HOUR = 60 * 60 * 1000;

/** A one-table engine stand-in: items by pk, a change feed, and service deletions. */
function setup(delay?: { minMs: number; maxMs: number }, seed = 1) {
  const kernel = new ManualKernel({ nowMs: Date.UTC(2026, 0, 1), seed });
  // Every kernel timer the sweeper sets, to check that it keeps one, for the earliest entry.
  const scheduled: { atMs: number; label: string }[] = [];
  const schedule = kernel.schedule.bind(kernel);
  kernel.schedule = (delayMs, label, action) => {
    scheduled.push({ atMs: kernel.nowMs() + delayMs, label });
    return schedule(delayMs, label, action);
  };
  const items = new Map<string, Item>();
  const changes: ItemChange[] = [];
  let sweeper: TtlSweeper | undefined;
  const emit = (change: ItemChange): void => {
    changes.push(change);
    sweeper?.onChange(change);
  };
  const tables: TtlTableAccess = {
    listItems: () => [...items.values()].map((item) => ({ keys: { pk: item.pk! }, item })),
    getItem: (_table, keys) => items.get((keys.pk as { S: string }).S),
    deleteExpiredItem: (tableName, keys) => {
      const pk = (keys.pk as { S: string }).S;
      const oldImage = items.get(pk);
      items.delete(pk);
      emit({
        tableName,
        keys,
        ...(oldImage === undefined ? {} : { oldImage }),
        removedByService: true,
        atMs: kernel.nowMs(),
      });
    },
  };
  sweeper = new TtlSweeper({ kernel, tables, ...(delay === undefined ? {} : { deletionDelay: delay }) });
  const put = (pk: string, extra: Item): void => {
    const item: Item = { pk: { S: pk }, ...extra };
    const oldImage = items.get(pk);
    items.set(pk, item);
    emit({
      tableName: "T",
      keys: { pk: { S: pk } },
      ...(oldImage === undefined ? {} : { oldImage }),
      newImage: item,
      atMs: kernel.nowMs(),
    });
  };
  const seconds = (offsetMs: number): { N: string } => ({
    N: String(Math.floor((kernel.nowMs() + offsetMs) / 1000)),
  });
  return { kernel, items, changes, sweeper, put, seconds, scheduled };
}

describe("TtlSweeper", () => {
  it("keeps an expired item readable until the drawn deletion time, then deletes it as the service", () => {
    const { kernel, items, changes, sweeper, put, seconds } = setup({ minMs: HOUR, maxMs: HOUR });
    sweeper.enable("T", "exp");
    put("a", { exp: seconds(10_000) });
    kernel.advance(10_000 + HOUR);
    expect(items.has("a")).toBe(true);
    kernel.advance(1000);
    expect(items.has("a")).toBe(false);
    expect(changes.at(-1)).toMatchObject({
      tableName: "T",
      removedByService: true,
      oldImage: { pk: { S: "a" } },
    });
    expect(kernel.draws.map((d) => d.label)).toEqual(["dynamodb.ttl.deletionDelayMs"]);
  });

  it("draws the default delay from the choice stream, within 48 hours, the same for the same seed", () => {
    const deletedAt = (seed: number): number => {
      const { kernel, items, sweeper, put, seconds } = setup(undefined, seed);
      sweeper.enable("T", "exp");
      put("a", { exp: seconds(-1000) });
      const start = kernel.nowMs();
      while (items.has("a")) kernel.advance(60_000);
      expect(kernel.draws[0]).toMatchObject({ label: "dynamodb.ttl.deletionDelayMs", bound: 48 * HOUR + 1 });
      return kernel.nowMs() - start;
    };
    expect(deletedAt(5)).toBe(deletedAt(5));
    expect(deletedAt(5)).toBeLessThanOrEqual(48 * HOUR + 60_000);
    expect(new Set([1, 2, 3, 4, 5].map(deletedAt)).size).toBeGreaterThan(1);
  });

  it("ignores items whose TTL attribute is missing, not a Number, or more than five years old", () => {
    const { kernel, items, sweeper, put, seconds } = setup({ minMs: 0, maxMs: 0 });
    sweeper.enable("T", "exp");
    put("none", {});
    put("string", { exp: { S: String(Math.floor(kernel.nowMs() / 1000) - 100) } });
    put("ancient", { exp: seconds(-TTL_MAX_AGE_MS - HOUR) });
    put("recent", { exp: seconds(-TTL_MAX_AGE_MS + HOUR) });
    kernel.advance(1000);
    expect([...items.keys()].sort()).toEqual(["ancient", "none", "string"]);
  });

  it("re-evaluates an item when its TTL is changed or removed before the deletion", () => {
    const { kernel, items, sweeper, put, seconds } = setup({ minMs: HOUR, maxMs: HOUR });
    sweeper.enable("T", "exp");
    put("extended", { exp: seconds(-1000) });
    put("removed", { exp: seconds(-1000) });
    kernel.advance(HOUR / 2);
    put("extended", { exp: seconds(10 * HOUR) });
    put("removed", { note: { S: "no ttl now" } });
    kernel.advance(HOUR);
    expect([...items.keys()].sort()).toEqual(["extended", "removed"]);
    kernel.advance(11 * HOUR);
    expect([...items.keys()]).toEqual(["removed"]);
    expect(sweeper.pendingCount("T")).toBe(0);
  });

  it("re-checks the item at deletion time even when a change was never reported", () => {
    const { kernel, items, sweeper, put, seconds } = setup({ minMs: HOUR, maxMs: HOUR });
    sweeper.enable("T", "exp");
    put("a", { exp: seconds(-1000) });
    kernel.advance(1);
    items.set("a", { pk: { S: "a" }, exp: seconds(5 * HOUR) }); // behind the sweeper's back
    kernel.advance(HOUR);
    expect(items.has("a")).toBe(true);
    kernel.advance(10 * HOUR);
    expect(items.has("a")).toBe(false);
  });

  it("keeps an item's place when a write leaves its expiry unchanged", () => {
    const { kernel, items, sweeper, put, seconds } = setup({ minMs: HOUR, maxMs: HOUR });
    sweeper.enable("T", "exp");
    const exp = seconds(-1000);
    put("a", { exp });
    kernel.advance(HOUR / 2);
    put("a", { exp, other: { S: "x" } });
    kernel.advance(HOUR / 2 + 1);
    expect(items.has("a")).toBe(false);
  });

  it("looks at existing items when enabled and drops pending deletions when disabled", () => {
    const { kernel, items, sweeper, put, seconds } = setup({ minMs: 0, maxMs: 0 });
    put("old", { exp: seconds(-1000) });
    sweeper.enable("T", "exp");
    put("other", { exp: seconds(1000) });
    expect(sweeper.pendingCount("T")).toBe(2);
    kernel.advance(1);
    expect(items.has("old")).toBe(false);
    sweeper.disable("T");
    kernel.advance(10_000);
    expect(items.has("other")).toBe(true);
    expect(kernel.pendingLabels()).toEqual([]);
  });
});

describe("TtlSweeper's one kernel timer", () => {
  const removals = (changes: ItemChange[]) =>
    changes.filter((c) => c.removedByService).map((c) => `${(c.keys.pk as { S: string }).S}@${c.atMs}`);

  it("expires items due in the same and in different milliseconds in (due, write) order", () => {
    const { kernel, changes, sweeper, put, seconds } = setup({ minMs: 0, maxMs: HOUR });
    sweeper.enable("T", "exp");
    const start = kernel.nowMs();
    put("a", { exp: seconds(10_000) });
    put("b", { exp: seconds(10_000) });
    put("c", { exp: seconds(5_000) });
    put("d", { exp: seconds(20_000) });
    for (let t = 0; t < 2 * HOUR; t += 1000) {
      expect(kernel.pendingLabels().length).toBeLessThanOrEqual(1);
      kernel.advance(1000);
    }
    // One draw per item, in the order they expired; each item goes at its expiry plus its draw.
    expect(kernel.draws.map((d) => d.label)).toEqual(Array(4).fill("dynamodb.ttl.deletionDelayMs"));
    const expiredAt = { c: start + 5_001, a: start + 10_001, b: start + 10_001, d: start + 20_001 };
    const deletedAt = Object.entries(expiredAt).map(([pk, atMs], i) => ({
      pk,
      atMs: atMs + kernel.draws[i]!.value,
    }));
    deletedAt.sort((x, y) => x.atMs - y.atMs);
    expect(removals(changes)).toEqual(deletedAt.map(({ pk, atMs }) => `${pk}@${atMs}`));
    expect(sweeper.pendingCount("T")).toBe(0);
    expect(kernel.pendingLabels()).toEqual([]);
  });

  it("runs what falls due in one millisecond together, deletions drawn at zero delay included", () => {
    const { kernel, changes, sweeper, put, seconds, scheduled } = setup({ minMs: 0, maxMs: 0 });
    sweeper.enable("T", "exp");
    put("a", { exp: seconds(1000) });
    put("b", { exp: seconds(1000) });
    kernel.advance(1001);
    expect(removals(changes)).toEqual([`a@${kernel.nowMs()}`, `b@${kernel.nowMs()}`]);
    expect(scheduled).toEqual([{ atMs: kernel.nowMs(), label: "dynamodb.ttl.expire" }]);
  });

  it("leaves nothing behind at the old time when an item is rewritten with a later expiry", () => {
    const { kernel, items, sweeper, put, seconds, scheduled } = setup({ minMs: 0, maxMs: 0 });
    sweeper.enable("T", "exp");
    const start = kernel.nowMs();
    put("a", { exp: seconds(10_000) });
    put("b", { exp: seconds(HOUR) });
    put("a", { exp: seconds(2 * HOUR) });
    expect(sweeper.pendingCount("T")).toBe(2);
    expect(kernel.pendingLabels()).toEqual(["dynamodb.ttl.expire"]);
    expect(scheduled.at(-1)).toEqual({ atMs: start + HOUR + 1, label: "dynamodb.ttl.expire" });
    kernel.advance(HOUR);
    expect(kernel.draws).toEqual([]);
    kernel.advance(1);
    expect([...items.keys()]).toEqual(["a"]);
    kernel.advance(HOUR);
    expect(items.has("a")).toBe(false);
    expect(kernel.draws).toHaveLength(2);
  });

  it("drops queued deletions and the timer on disable, and re-reads the items on enable", () => {
    const { kernel, items, changes, sweeper, put, seconds } = setup({ minMs: HOUR, maxMs: HOUR });
    sweeper.enable("T", "exp");
    put("a", { exp: seconds(-1000) });
    put("b", { exp: seconds(-1000) });
    kernel.advance(1); // both expired: their deletions are queued for an hour from now
    expect(kernel.draws).toHaveLength(2);
    sweeper.disable("T");
    expect(sweeper.pendingCount("T")).toBe(0);
    expect(kernel.pendingLabels()).toEqual([]);
    // Deleting an item while TTL is off is none of the sweeper's business.
    items.delete("b");
    sweeper.onChange({ tableName: "T", keys: { pk: { S: "b" } }, atMs: kernel.nowMs() });
    kernel.advance(2 * HOUR);
    expect([...items.keys()]).toEqual(["a"]);
    sweeper.enable("T", "exp");
    expect(sweeper.pendingCount("T")).toBe(1);
    kernel.advance(HOUR + 1);
    expect(items.size).toBe(0);
    expect(removals(changes)).toEqual([`a@${kernel.nowMs() - 1}`]);
  });

  it("moves the timer to an earlier entry that arrives while it is set for a later one", () => {
    const { kernel, items, sweeper, put, seconds, scheduled } = setup({ minMs: 0, maxMs: 0 });
    sweeper.enable("T", "exp");
    const start = kernel.nowMs();
    put("late", { exp: seconds(HOUR) });
    put("early", { exp: seconds(10_000) });
    put("later", { exp: seconds(2 * HOUR) });
    expect(scheduled).toEqual([
      { atMs: start + HOUR + 1, label: "dynamodb.ttl.expire" },
      { atMs: start + 10_001, label: "dynamodb.ttl.expire" },
    ]);
    expect(kernel.pendingLabels()).toEqual(["dynamodb.ttl.expire"]);
    kernel.advance(10_001);
    expect([...items.keys()]).toEqual(["late", "later"]);
    expect(scheduled.at(-1)).toEqual({ atMs: start + HOUR + 1, label: "dynamodb.ttl.expire" });
    expect(kernel.pendingLabels()).toEqual(["dynamodb.ttl.expire"]);
  });
});

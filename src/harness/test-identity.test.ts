import { describe, expect, it } from "vitest";
import { hourBucket, seedFromIdentity, testKey } from "./test-identity.ts";

const id = { file: "test/orders.test.ts", name: "orders > reserves once" };
const at = (h: number, m: number) => Date.UTC(2025, 0, 1, h, m);

describe("testKey", () => {
  it("is the same within the hour and uuid-shaped (version 8, RFC variant)", () => {
    const key = testKey(id, { nowMs: at(10, 1) });
    expect(testKey(id, { nowMs: at(10, 59) })).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("changes with the hour, the scope, the test's name and its file", () => {
    const key = testKey(id, { nowMs: at(10, 0), scope: "sequential" });
    const others = [
      testKey(id, { nowMs: at(11, 0), scope: "sequential" }),
      testKey(id, { nowMs: at(10, 0), scope: "concurrent" }),
      testKey({ ...id, name: "orders > other" }, { nowMs: at(10, 0), scope: "sequential" }),
      testKey({ ...id, file: "test/other.test.ts" }, { nowMs: at(10, 0), scope: "sequential" }),
    ];
    expect(new Set([key, ...others]).size).toBe(5);
  });

  it("names the hour and refuses an empty identity or a clock that is not a number", () => {
    expect(hourBucket(at(10, 42))).toBe("2025-01-01T10:00:00.000Z");
    expect(() => testKey({ file: "", name: "x" }, { nowMs: 0 })).toThrow(/needs a file and a name/);
    expect(() => testKey(id, { nowMs: Number.NaN })).toThrow(/nowMs must be a finite number/);
  });

  it("seeds from the identity alone", () => {
    expect(seedFromIdentity(id)).toBe(seedFromIdentity({ ...id }));
    expect(seedFromIdentity(id)).not.toBe(seedFromIdentity({ ...id, name: "x" }));
  });
});

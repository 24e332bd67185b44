import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeChoices, encodeChoices } from "./choices-code.ts";
import { shrinkChoices, simpler, trimTrailingZeros } from "./shrink.ts";

describe("choice codes", () => {
  it("round-trips any values", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: Number.MAX_SAFE_INTEGER })), (values) => {
        expect(decodeChoices(encodeChoices(values))).toEqual(values);
      }),
    );
    expect(encodeChoices([0, 3, 300])).toBe("AAOsAg");
    expect(encodeChoices([])).toBe("none");
    expect(decodeChoices("none")).toEqual([]);
  });

  it("names --choices when the text is damaged", () => {
    expect(() => decodeChoices("AAOs")).toThrow(/--choices ends in the middle of a value/);
    expect(() => decodeChoices("a b")).toThrow(/--choices "a b": not base64url/);
  });
});

describe("shrinkChoices", () => {
  // A toy "run": the failure needs a draw ≥ 50 somewhere before a draw equal to 7.
  const run = async (values: readonly number[]) => {
    const seen = values.findIndex((v) => v >= 50);
    const failed = seen >= 0 && values.slice(seen + 1).includes(7);
    return { failed, values };
  };

  it("shrinks to the smallest sequence that still fails", async () => {
    const start = [3, 9, 80, 4, 4, 12, 7, 99, 5];
    expect((await run(start)).failed).toBe(true);
    const { values } = await shrinkChoices(start, run);
    expect(values).toEqual([50, 7]);
    expect((await run(values)).failed).toBe(true);
  });

  it("moves a fault to the front of its label, so the scenario around it can shrink", async () => {
    // A toy scenario replayed by label: `size` orders, then one `fault` draw per order; it fails
    // when an order's fault draw fires (≥ 900 of 1000) and the order's own draw is odd.
    const scenario = async (values: readonly number[], labels: readonly string[]) => {
      const queues = new Map<string, number[]>();
      for (const [i, v] of values.entries()) {
        queues.set(labels[i] ?? "", [...(queues.get(labels[i] ?? "") ?? []), v]);
      }
      const drawn: { label: string; value: number }[] = [];
      const draw = (label: string) => {
        const value = queues.get(label)?.shift() ?? 0;
        drawn.push({ label, value });
        return value;
      };
      const size = 1 + (draw("size") % 50);
      let failed = false;
      for (let order = 0; order < size; order++) {
        const odd = draw("item") % 2 === 1;
        if (draw("fault") >= 900 && odd) failed = true;
      }
      return { failed, values: drawn.map((d) => d.value), labels: drawn.map((d) => d.label) };
    };
    const start: number[] = [];
    const startLabels: string[] = [];
    const push = (label: string, value: number) => {
      start.push(value);
      startLabels.push(label);
    };
    push("size", 39);
    for (let order = 0; order < 40; order++) {
      push("item", 2 * order + 1);
      push("fault", order === 30 ? 950 : 100 + order);
    }
    expect((await scenario(start, startLabels)).failed).toBe(true);
    const { values, minimal } = await shrinkChoices(start, scenario, {
      labels: startLabels,
      maxReplays: 140,
    });
    expect(minimal).toBe(true);
    // One order, whose item is odd and whose fault fires: size 0 (one order), item 1, fault 900 (the least that fires).
    expect(values).toEqual([0, 1, 900]);
  });

  it("keeps within its replay budget and never returns something that passes", async () => {
    const start = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 60 : 7));
    const { values, replays, minimal } = await shrinkChoices(start, run, { maxReplays: 20 });
    expect(replays).toBeLessThanOrEqual(20);
    expect(minimal).toBe(false);
    expect((await run(values)).failed).toBe(true);
  });

  it("orders shortlex and ignores trailing zeros", () => {
    expect(simpler([9], [0, 0, 1])).toBe(true);
    expect(simpler([0, 0, 0, 5], [9])).toBe(false);
    expect(simpler([0, 0, 0, 5], [9, 1])).toBe(true);
    expect(simpler([1, 2], [1, 3])).toBe(true);
    expect(simpler([1, 3], [1, 3])).toBe(false);
    expect(trimTrailingZeros([1, 0, 2, 0, 0])).toEqual([1, 0, 2]);
  });
});

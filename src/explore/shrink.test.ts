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

  it("keeps within its replay budget and never returns something that passes", async () => {
    const start = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 60 : 7));
    const { values, replays } = await shrinkChoices(start, run, { maxReplays: 20 });
    expect(replays).toBeLessThanOrEqual(20);
    expect((await run(values)).failed).toBe(true);
  });

  it("orders shortlex and ignores trailing zeros", () => {
    expect(simpler([9], [0, 0])).toBe(true);
    expect(simpler([1, 2], [1, 3])).toBe(true);
    expect(simpler([1, 3], [1, 3])).toBe(false);
    expect(trimTrailingZeros([1, 0, 2, 0, 0])).toEqual([1, 0, 2]);
  });
});

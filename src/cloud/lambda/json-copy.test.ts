import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonCopy } from "./json-copy.ts";

const viaText = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The value, or the class of the error, that copying gives. */
function outcome(copy: () => unknown): unknown {
  try {
    return { value: copy() };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

describe("jsonCopy", () => {
  it("equals the JSON round trip for any JSON-like value, sharing no object with the input", () => {
    const odd = fc.constantFrom(undefined, Number.NaN, -0, Number.POSITIVE_INFINITY, Symbol("s"));
    const values = fc.anything({ values: [fc.jsonValue(), odd], withNullPrototype: true });
    fc.assert(
      fc.property(values, (value) => {
        expect(outcome(() => jsonCopy(value))).toStrictEqual(outcome(() => viaText(value)));
        if (typeof value === "object" && value !== null) expect(jsonCopy(value)).not.toBe(value);
      }),
    );
  });

  it("keeps JSON's treatment of toJSON, class instances, holes and odd members", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    // biome-ignore lint/suspicious/noSparseArray: a hole is what this checks
    const value = { at: new Date(0), p: new Point(1), a: [1, , undefined, Number.NaN], u: undefined, z: -0 };
    expect(jsonCopy(value)).toStrictEqual(viaText(value));
    expect(jsonCopy({ ["__proto__"]: { x: 1 } })).toStrictEqual(JSON.parse('{"__proto__":{"x":1}}'));
    expect(Object.keys(jsonCopy(JSON.parse('{"__proto__":{"x":1}}')) as object)).toEqual(["__proto__"]);
  });

  it("fails as JSON fails: cycles and BigInts", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => jsonCopy(cycle)).toThrow(TypeError);
    expect(() => jsonCopy({ n: 1n })).toThrow(TypeError);
  });

  it("copies deep plain data, however deep JSON can go", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 1000; i++) deep = { next: deep };
    expect(jsonCopy(deep)).toStrictEqual(deep);
  });
});

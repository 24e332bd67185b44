import { describe, expect, it } from "vitest";
import { firstPathClash, formatPath, pathClash, pathRelation, valueAtPath } from "./document-path.ts";

const prefix = "Two document paths overlap with each other; must remove or rewrite one of these paths;";

describe("document paths", () => {
  it("formats and follows paths as DynamoDB does", () => {
    expect(formatPath(["m", "x", 1])).toBe("[m, x, [1]]");
    expect(valueAtPath({ m: { M: { x: { L: [{ N: "1" }, { S: "y" }] } } } }, ["m", "x", 1])).toEqual({
      S: "y",
    });
    expect(valueAtPath({ a: { N: "1" } }, ["a", 0])).toBeUndefined();
  });

  it("tells overlaps from conflicts", () => {
    expect(pathRelation(["a"], ["a", "b"])).toBe("overlap");
    expect(pathRelation(["l", 0], ["l", "x"])).toBe("conflict");
    expect(pathRelation(["a", "b"], ["a", "c"])).toBe("distinct");
  });

  it("reports clashes last to first, naming path two the way DynamoDB Local does", () => {
    expect(
      firstPathClash([
        ["m", "x"],
        ["m", "x", 1],
      ]),
    ).toBe(`${prefix} path one: [m, x], path two: [m, x, [1]]`);
    // DynamoDB names a path that does not clash here; see clash-order.ts.
    expect(firstPathClash([["a"], ["a"], ["b"]])).toBe(`${prefix} path one: [a], path two: [b]`);
    expect(firstPathClash([["a", "b"], ["s"], ["a", "b"]])).toBe(
      `${prefix} path one: [a, b], path two: [a, b]`,
    );
    expect(pathClash(["x"], [["y"]])).toBeUndefined();
  });
});

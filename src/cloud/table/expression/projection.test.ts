import { describe, expect, it } from "vitest";
import type { Item } from "../values.ts";
import { ExpressionContext } from "./context.ts";
import { compileProjection, project } from "./projection.ts";

const item: Item = {
  a: { N: "1" },
  l: { L: [{ S: "a" }, { S: "b" }, { S: "c" }] },
  m: { M: { x: { L: [{ N: "1" }, { M: { y: { S: "q" }, z: { S: "r" } } }] }, w: { S: "s" } } },
};

function projected(expression: string, names?: Record<string, string>): Item {
  const ctx = new ExpressionContext(names, undefined);
  const projection = compileProjection(expression, ctx);
  ctx.assertAllUsed();
  return project(projection, item);
}

describe("ProjectionExpression", () => {
  it("keeps only the named paths, packing chosen list elements in index order", () => {
    expect(projected("m.x[1].y, l[2], l[0]")).toEqual({
      l: { L: [{ S: "a" }, { S: "c" }] },
      m: { M: { x: { L: [{ M: { y: { S: "q" } } }] } } },
    });
    expect(projected("m.x[1].z, m.x[0]")).toEqual({
      m: { M: { x: { L: [{ N: "1" }, { M: { z: { S: "r" } } }] } } },
    });
  });

  it("ignores paths the item does not have", () => {
    expect(projected("l[5], nope, m.nope, a.b, m.x[0].q")).toEqual({});
    expect(projected("#n", { "#n": "name" })).toEqual({});
  });

  it("rejects overlapping paths, reserved words and syntax errors as DynamoDB does", () => {
    expect(() => projected("m.x, m.x[1]")).toThrow(
      "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m, x], path two: [m, x, [1]]",
    );
    expect(() => projected("name")).toThrow(
      "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name",
    );
    expect(() => projected("size(a)")).toThrow(
      'Invalid ProjectionExpression: Syntax error; token: "(", near: "size(a"',
    );
    expect(() => projected("a,")).toThrow(
      'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","',
    );
  });
});

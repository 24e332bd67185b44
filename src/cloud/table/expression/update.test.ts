import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../../aws-error.ts";
import type { AttributeValue, Item } from "../values.ts";
import { ExpressionContext } from "./context.ts";
import { selectPaths } from "./select.ts";
import { compileUpdate, updatedTopLevelNames } from "./update.ts";
import { applyUpdate } from "./update-apply.ts";

const base: Item = {
  pk: { S: "k" },
  n: { N: "5" },
  s: { S: "str" },
  l: { L: [{ N: "1" }, { N: "2" }, { M: { x: { N: "1" } } }] },
  m: { M: { a: { N: "1" }, b: { M: { c: { S: "x" } } } } },
  ss: { SS: ["a", "b"] },
  ns: { NS: ["1", "2"] },
};

function update(
  expression: string,
  values?: Record<string, AttributeValue>,
  names?: Record<string, string>,
  item: Item | "no item" = base,
) {
  const ctx = new ExpressionContext(names, values);
  const plan = compileUpdate(expression, ctx);
  ctx.assertAllUsed();
  return applyUpdate(plan, item === "no item" ? undefined : item);
}

function failure(
  expression: string,
  values?: Record<string, AttributeValue>,
  item: Item | "no item" = base,
): string {
  try {
    update(expression, values, undefined, item);
  } catch (error) {
    expect(error).toBeInstanceOf(AwsServiceError);
    return (error as Error).message;
  }
  throw new Error(`expected ${expression} to fail`);
}

const v1 = { ":v": { N: "1" } };

describe("applying updates", () => {
  it("does arithmetic exactly and leaves the input item untouched", () => {
    const before = JSON.stringify(base);
    expect(update("SET n = n - :v", { ":v": { N: "1.50" } }).item.n).toEqual({ N: "3.5" });
    expect(update("SET zz = if_not_exists(zz, :v) + :v", v1).item.zz).toEqual({ N: "2" });
    expect(JSON.stringify(base)).toBe(before);
  });

  it("computes every SET value from the item as it was", () => {
    const { item } = update("SET a = b, b = a", undefined, undefined, { a: { N: "1" }, b: { N: "2" } });
    expect(item).toEqual({ a: { N: "2" }, b: { N: "1" } });
  });

  it("appends lists, sets list elements, appends past the end in index order", () => {
    expect(update("SET l = list_append(:v, l)", { ":v": { L: [{ S: "z" }] } }).item.l).toEqual({
      L: [{ S: "z" }, { N: "1" }, { N: "2" }, { M: { x: { N: "1" } } }],
    });
    const { item } = update("SET l[5] = :a, l[3] = :b, l[0] = :b", { ":a": { N: "7" }, ":b": { N: "8" } });
    expect(item.l).toEqual({ L: [{ N: "8" }, { N: "2" }, { M: { x: { N: "1" } } }, { N: "8" }, { N: "7" }] });
  });

  it("removes list elements by their original indexes", () => {
    expect(update("REMOVE l[0], l[2]").item.l).toEqual({ L: [{ N: "2" }] });
    expect(update("REMOVE l[0] SET l[1] = :v", v1).item.l).toEqual({
      L: [{ N: "1" }, { M: { x: { N: "1" } } }],
    });
    expect(update("REMOVE l[7], m.nope, nope").item).toEqual(base);
  });

  it("ADDs to numbers and sets, DELETEs from sets and drops emptied sets", () => {
    const r = update("ADD n :v, ss :s, fresh :v DELETE ns :d", {
      ...v1,
      ":s": { SS: ["c", "a"] },
      ":d": { NS: ["1.0", "2"] },
    });
    expect(r.item.n).toEqual({ N: "6" });
    expect(r.item.ss).toEqual({ SS: ["a", "b", "c"] });
    expect(r.item.fresh).toEqual({ N: "1" });
    expect(r.item.ns).toBeUndefined();
  });

  it("creates an item from nothing, but not nested paths under missing parents", () => {
    expect(update("SET q = :v", v1, undefined, "no item").item).toEqual({ q: { N: "1" } });
    expect(failure("SET q.r = :v", v1, "no item")).toBe(
      "The document path provided in the update expression is invalid for update",
    );
  });

  it("reports the updated paths, so ReturnValues shows only the updated fragment", () => {
    const { item, updatedPaths } = update("SET m.z = :v REMOVE l[0]", v1);
    expect(updatedPaths).toEqual([
      ["m", "z"],
      ["l", 0],
    ]);
    expect(selectPaths(item, updatedPaths)).toEqual({ m: { M: { z: { N: "1" } } }, l: { L: [{ N: "2" }] } });
    expect(selectPaths(base, updatedPaths)).toEqual({ l: { L: [{ N: "1" }] } });
  });

  it("lists the top-level attributes an update touches", () => {
    const plan = compileUpdate("SET a.b = :v, c = :v REMOVE a.d", new ExpressionContext(undefined, v1));
    expect(updatedTopLevelNames(plan)).toEqual(["a", "c"]);
  });
});

describe("DynamoDB's runtime errors", () => {
  it.each([
    ["SET s = s + :v", v1, "An operand in the update expression has an incorrect data type"],
    [
      "SET zz = zz + :v",
      v1,
      "The provided expression refers to an attribute that does not exist in the item",
    ],
    [
      "SET l = list_append(s, :e)",
      { ":e": { L: [] } },
      "An operand in the update expression has an incorrect data type",
    ],
    ["SET l[1].x = :v", v1, "The document path provided in the update expression is invalid for update"],
    ["SET m.z.q = :v", v1, "The document path provided in the update expression is invalid for update"],
    ["REMOVE s.x", undefined, "The document path provided in the update expression is invalid for update"],
    ["REMOVE nope.x", undefined, "The document path provided in the update expression is invalid for update"],
    ["ADD s :v", v1, "An operand in the update expression has an incorrect data type"],
    [
      "DELETE ss :v",
      { ":v": { NS: ["1"] } },
      "An operand in the update expression has an incorrect data type",
    ],
    [
      "SET n = n + :v",
      { ":v": { N: "99999999999999999999999999999999999999" } },
      "DynamoDB only supports precision up to 38 digits",
    ],
  ])("%s", (expression, values, message) => {
    expect(failure(expression, values)).toBe(message);
  });
});

describe("DynamoDB's compile errors", () => {
  const overlap =
    "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths;";
  it.each([
    ["", undefined, "Invalid UpdateExpression: The expression can not be empty;"],
    ["SET", undefined, 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'],
    ["SET n = :v + :v + :v", v1, 'Invalid UpdateExpression: Syntax error; token: "+", near: ":v + :v"'],
    [
      "ADD a if_not_exists(a, :v)",
      v1,
      'Invalid UpdateExpression: Syntax error; token: "if_not_exists", near: "a if_not_exists("',
    ],
    [
      "set a = :v set b = :v",
      v1,
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    ],
    ["SET n = :v, n = :v", v1, `${overlap} path one: [n], path two: [n]`],
    ["SET m.a = :v REMOVE m", v1, `${overlap} path one: [m, a], path two: [m]`],
    [
      "SET l[0] = :v, l.x = :v",
      v1,
      "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, x]",
    ],
    [
      "SET n = size(l)",
      undefined,
      "Invalid UpdateExpression: The function is not allowed in an update expression; function: size",
    ],
    [
      "SET a = if_not_exists(l, list_append(l, :e))",
      { ":e": { L: [] } },
      "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append",
    ],
    [
      "SET a = if_not_exists(b, b)",
      undefined,
      "Invalid UpdateExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: if_not_exists, first operand: [b]",
    ],
    [
      "SET l = list_append(l, :v)",
      { ":v": { S: "z" } },
      "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
    ],
    [
      "SET a = :e + :v",
      { ":e": { S: "x" }, ...v1 },
      "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S",
    ],
    [
      "ADD n :v",
      { ":v": { L: [] } },
      "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND",
    ],
    [
      "DELETE q :v",
      v1,
      "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
    ],
    [
      "SET name = :v",
      v1,
      "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name",
    ],
  ])("%s", (expression, values, message) => {
    expect(failure(expression, values)).toBe(message);
  });
});

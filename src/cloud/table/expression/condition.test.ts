import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../../aws-error.ts";
import type { AttributeValue, Item } from "../values.ts";
import { compileCondition, conditionTopLevelNames, evaluateCondition } from "./condition.ts";
import { ExpressionContext } from "./context.ts";

const item: Item = {
  a: { N: "1" },
  b: { N: "2" },
  s: { S: "hello" },
  u: { S: "é😀" },
  bin: { B: new Uint8Array([1, 2, 3]) },
  ss: { SS: ["x", "y"] },
  ns: { NS: ["1", "2"] },
  l: { L: [{ S: "a" }, { N: "5" }, { M: { y: { S: "q" } } }] },
  m: { M: { w: { S: "s" }, x: { L: [{ N: "1" }, { M: { y: { S: "q" } } }] } } },
};

function check(
  expression: string,
  values?: Record<string, AttributeValue>,
  names?: Record<string, string>,
  on: Item | "no item" = item,
): boolean {
  const ctx = new ExpressionContext(names, values);
  const condition = compileCondition(expression, ctx, "ConditionExpression");
  ctx.assertAllUsed();
  return evaluateCondition(condition, on === "no item" ? undefined : on);
}

function failure(
  expression: string,
  values?: Record<string, AttributeValue>,
  names?: Record<string, string>,
): string {
  try {
    check(expression, values, names);
  } catch (error) {
    expect(error).toBeInstanceOf(AwsServiceError);
    return (error as Error).message;
  }
  throw new Error(`expected ${expression} to be rejected`);
}

const one = { ":one": { N: "1" } };
const nine = { ":nine": { N: "9" } };

describe("evaluating conditions", () => {
  it("applies DynamoDB's precedence: NOT over AND over OR", () => {
    expect(check("a = :one OR a = :nine AND a = :nine", { ...one, ...nine })).toBe(true);
    expect(check("(a = :one OR a = :nine) AND a = :nine", { ...one, ...nine })).toBe(false);
    expect(check("NOT a = :nine AND a = :nine", nine)).toBe(false);
    expect(check("NOT (a = :one OR a = :one)", one)).toBe(false);
  });

  it("compares numbers numerically and values of different types as unequal, never an error", () => {
    expect(check("a <= :v", { ":v": { N: "1.0" } })).toBe(true);
    expect(check("a = :v", { ":v": { S: "1" } })).toBe(false);
    expect(check("a < :v", { ":v": { S: "9" } })).toBe(false);
    expect(check("a <> :v", { ":v": { S: "1" } })).toBe(true);
  });

  it("treats a missing attribute as unequal to everything", () => {
    expect(check("nope = :v", { ":v": { NULL: true } })).toBe(false);
    expect(check("nope <> :v", { ":v": { NULL: true } })).toBe(true);
    expect(check("size(nope) <> :one", one)).toBe(true);
    expect(check("attribute_not_exists(a)", undefined, undefined, "no item")).toBe(true);
  });

  it("follows nested paths through maps and lists", () => {
    expect(check("m.x[1].y = :q", { ":q": { S: "q" } })).toBe(true);
    expect(check("m.#w = :s", { ":s": { S: "s" } }, { "#w": "w" })).toBe(true);
    // A placeholder is one attribute name, dots and all.
    expect(check("#mw = :s", { ":s": { S: "s" } }, { "#mw": "m.w" })).toBe(false);
    expect(check("attribute_not_exists(l[5])")).toBe(true);
  });

  it("implements BETWEEN and IN", () => {
    expect(check("b BETWEEN :one AND :nine", { ...one, ...nine })).toBe(true);
    expect(check("a BETWEEN :v AND :v", { ":v": { S: "1" } })).toBe(false);
    expect(check("a IN (:nine, :one)", { ...one, ...nine })).toBe(true);
  });

  it("implements the functions", () => {
    expect(check("begins_with(s, :p)", { ":p": { S: "he" } })).toBe(true);
    expect(check("begins_with(bin, :p)", { ":p": { B: new Uint8Array([1, 2]) } })).toBe(true);
    expect(check("contains(s, :p)", { ":p": { S: "ell" } })).toBe(true);
    expect(check("contains(bin, :p)", { ":p": { B: new Uint8Array([2, 3]) } })).toBe(true);
    expect(check("contains(bin, :p)", { ":p": { B: new Uint8Array([1, 3]) } })).toBe(false);
    expect(check("contains(ss, :p)", { ":p": { S: "y" } })).toBe(true);
    expect(check("contains(ns, :p)", { ":p": { N: "2.0" } })).toBe(true);
    expect(check("contains(l, :p)", { ":p": { M: { y: { S: "q" } } } })).toBe(true);
    expect(check("attribute_type(m, :t)", { ":t": { S: "M" } })).toBe(true);
    // size() counts a string in UTF-16 units, as DynamoDB Local does ("é😀" is 3).
    expect(check("size(u) = :n", { ":n": { N: "3" } })).toBe(true);
    expect(
      check("size(l) = :n AND size(m) = :two AND size(bin) = :n", { ":n": { N: "3" }, ":two": { N: "2" } }),
    ).toBe(true);
  });
});

describe("DynamoDB's errors (messages from DynamoDB Local)", () => {
  it.each([
    ["", "Invalid ConditionExpression: The expression can not be empty;"],
    ["   ", 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "   "'],
    ["a = = :one", 'Invalid ConditionExpression: Syntax error; token: "=", near: "= = :one"'],
    ["a = :one AND", 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"'],
    ["a = :one)", 'Invalid ConditionExpression: Syntax error; token: ")", near: ":one)"'],
    [" ) a", 'Invalid ConditionExpression: Syntax error; token: ")", near: " ) a"'],
    ["a[01] = :one", 'Invalid ConditionExpression: Syntax error; token: "1", near: "01]"'],
    ["a = _b", 'Invalid ConditionExpression: Syntax error; token: "_", near: "= _b"'],
    ["a = :one AND and = :one", 'Invalid ConditionExpression: Syntax error; token: "and", near: "AND and ="'],
    ["((a = :one))", "Invalid ConditionExpression: The expression has redundant parentheses;"],
    ["foo(a) AND name = :one", "Invalid ConditionExpression: Invalid function name; function: foo"],
    [
      "name = :one",
      "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name",
    ],
    [
      "#n = :one",
      "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n",
    ],
    [
      "a = :zz",
      "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :zz",
    ],
    [
      "size(a)",
      "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size",
    ],
    [
      "if_not_exists(a, :one) = :one",
      "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists",
    ],
    [
      "a.b = a.b",
      "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b]",
    ],
    [
      "l[2147483648] = :one",
      "Invalid ConditionExpression: List index is not within the allowable range; index: [2147483648]",
    ],
    [
      "attribute_exists(:one)",
      "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists",
    ],
    [
      "begins_with(a)",
      "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1",
    ],
    [
      "size(size(l)) = :one",
      "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N",
    ],
  ])("%j", (expression, message) => {
    expect(failure(expression, one)).toBe(message);
  });

  it("checks operand types and BETWEEN bounds when the values are known", () => {
    expect(failure("a < :v", { ":v": { BOOL: true } })).toBe(
      "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL",
    );
    expect(failure("a BETWEEN :x AND :y", { ":x": { N: "3" }, ":y": { N: "1" } })).toBe(
      "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:3}, upper bound operand: AttributeValue: {N:1}",
    );
    expect(failure("a BETWEEN :x AND :y", { ":x": { N: "3" }, ":y": { S: "1" } })).toMatch(
      /requires same data type/,
    );
    expect(failure("attribute_type(a, :t)", { ":t": { S: "Q" } })).toBe(
      "Invalid ConditionExpression: Invalid attribute type name found; type: Q, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}",
    );
  });

  it("allows IN with 100 operands but not 101", () => {
    const list = (n: number) => Array.from({ length: n }, () => ":one").join(", ");
    expect(check(`a IN (${list(100)})`, one)).toBe(true);
    expect(failure(`a IN (${list(101)})`, one)).toBe(
      "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101",
    );
  });

  it("names the FilterExpression parameter when compiling a filter", () => {
    const ctx = new ExpressionContext(undefined, undefined);
    expect(() => compileCondition("a =", ctx, "FilterExpression")).toThrow(
      /^Invalid FilterExpression: Syntax error/,
    );
  });
});

describe("conditionTopLevelNames", () => {
  it("lists the attributes a filter reads, for Query's key-attribute check", () => {
    const ctx = new ExpressionContext({ "#k": "sk" }, { ":v": { N: "1" } });
    const condition = compileCondition(
      "a.b = :v AND (size(#k) > :v OR contains(l[0], :v)) AND a = :v",
      ctx,
      "FilterExpression",
    );
    expect(conditionTopLevelNames(condition)).toEqual(["a", "sk", "l"]);
  });
});

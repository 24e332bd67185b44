import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../../aws-error.ts";
import type { AttributeValue } from "../values.ts";
import { compileCondition } from "./condition.ts";
import { ExpressionContext } from "./context.ts";
import { compileProjection } from "./projection.ts";
import { compileUpdate } from "./update.ts";
import { applyUpdate } from "./update-apply.ts";

const V = { ":v": { N: "1" } };
const repeat = (n: number, text: string, joiner: string) =>
  Array.from({ length: n }, () => text).join(joiner);

function conditionError(expression: string, values: Record<string, AttributeValue> = V): string {
  try {
    compileCondition(expression, new ExpressionContext(undefined, values), "ConditionExpression");
  } catch (error) {
    expect(error).toBeInstanceOf(AwsServiceError);
    return (error as Error).message;
  }
  return "accepted";
}

function updateError(expression: string, values?: Record<string, AttributeValue>): string {
  try {
    applyUpdate(compileUpdate(expression, new ExpressionContext(undefined, values)), {
      a: { N: "1" },
      s: { S: "x" },
      l: { L: [{ N: "1" }] },
      m: { M: { k: { N: "2" } } },
    });
  } catch (error) {
    expect(error).toBeInstanceOf(AwsServiceError);
    return (error as Error).message;
  }
  return "accepted";
}

describe("DynamoDB's size limits (from DynamoDB Local)", () => {
  it("allows 4096 characters and no more", () => {
    expect(conditionError(`a = :v${" ".repeat(4090)}`)).toBe("accepted");
    expect(conditionError(`a = :v${" ".repeat(4091)}`)).toBe(
      "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097",
    );
    expect(() =>
      compileProjection(`a${" ".repeat(4096)}`, new ExpressionContext(undefined, undefined)),
    ).toThrow(/^Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;$/);
  });

  it("allows 300 operators and no more", () => {
    expect(conditionError(repeat(150, "a = :v", " AND "))).toBe("accepted");
    expect(conditionError(repeat(151, "a = :v", " AND "))).toBe(
      "Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
    );
    expect(conditionError(`${"NOT ".repeat(300)}a = :v`)).toMatch(/too many operators/);
    expect(conditionError(repeat(101, "size(a) = :v", " AND "))).toMatch(/too many operators/);
  });

  it("allows document paths of 32 steps and no more", () => {
    expect(conditionError(`a${".b".repeat(31)} = :v`)).toBe("accepted");
    expect(conditionError(`a${"[0]".repeat(32)} = :v`)).toBe(
      "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33",
    );
  });

  it("survives deep nesting without exhausting the stack", () => {
    expect(conditionError("(".repeat(4096))).toBe(
      'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("',
    );
    expect(conditionError(`${"(".repeat(2040)}a = :v${")".repeat(2040)}`)).toMatch(/redundant parentheses/);
    expect(conditionError(`${"(NOT ".repeat(600)}a = :v${")".repeat(600)}`)).toMatch(/too many operators/);
    expect(updateError(`SET a = ${"(:v + ".repeat(500)}:v${")".repeat(500)}`, V)).toBe("accepted");
  });
});

describe("which error DynamoDB reports first (from DynamoDB Local)", () => {
  it("walks the condition in source order for names, functions and reserved words", () => {
    expect(conditionError("name = :v AND foo(a)")).toMatch(/reserved keyword: name/);
    expect(conditionError("foo(a) AND name = :v")).toMatch(/Invalid function name; function: foo/);
    expect(conditionError("name = :v AND ((a = :v))")).toMatch(/redundant parentheses/);
    expect(conditionError(`a${".b".repeat(32)} = :zz`)).toMatch(/too many nesting levels/);
  });

  it("checks update actions last to first, paths before values", () => {
    const values = { ":s": { S: "x" }, ":b": { B: new Uint8Array([1]) }, ":v": { N: "1" } };
    expect(updateError("SET a = :s + :v, b = :b + :v", values)).toMatch(/operand type: B$/);
    expect(updateError("SET a = :b + :v, b = :s + :v", values)).toMatch(/operand type: S$/);
    expect(updateError("SET a = :zz, b = :v, a = :v", V)).toMatch(/Two document paths overlap/);
    expect(updateError("SET a = :v SET b = :v REMOVE name", V)).toMatch(
      /"SET" section can only be used once/,
    );
    expect(updateError("SET a = :v REMOVE name SET b = :v", V)).toMatch(/reserved keyword: name/);
  });

  // With several runtime errors at once DynamoDB's choice also depends on its internal hash order
  // of attribute names, which we do not model; these cases are stable.
  it("reports runtime errors in DynamoDB's phases", () => {
    expect(updateError("SET b = if_not_exists(a, m.nope)")).toBe(
      "The provided expression refers to an attribute that does not exist in the item",
    );
    expect(updateError("SET b = nope, c = s + :v", V)).toBe(
      "An operand in the update expression has an incorrect data type",
    );
    expect(updateError("SET b = m.nope REMOVE s.x")).toBe(
      "The document path provided in the update expression is invalid for update",
    );
  });
});

describe("attribute_type", () => {
  it("accepts a value as its first operand but needs a string type name as its second", () => {
    expect(conditionError("attribute_type(:v, :t)", { ...V, ":t": { S: "N" } })).toBe("accepted");
    expect(conditionError("attribute_type(a, b)")).toMatch(
      /operator or function: attribute_type, operand type: \{DECIMALSET,N,DOUBLE,NULL,DECIMAL,INTSET,HD,FLOAT,NS,HDS,INT,S,SS,DICT,FS,BS,M,L,DOUBLESET,B,BOOL\}$/,
    );
    expect(conditionError("attribute_type(b, b)")).toMatch(/first operand must be distinct/);
  });
});

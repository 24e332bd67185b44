import { describe, expect, it } from "vitest";
import type { AttributeValue } from "../values.ts";
import { ExpressionContext } from "./context.ts";
import { compileKeyCondition, keyConditionFor, parseKeyCondition } from "./key-condition.ts";

const key = { partition: "pk", sort: "sk", partitionType: "S", sortType: "S" } as const;
const P = { ":p": { S: "w" } };
const S = { ":s": { S: "1" } };

function compile(expression: string, values: Record<string, AttributeValue>) {
  return compileKeyCondition(expression, new ExpressionContext(undefined, values), key);
}

describe("KeyConditionExpression", () => {
  it("extracts the partition value and the sort-key range, either way round", () => {
    expect(compile("pk = :p", P)).toEqual({ partitionValue: { S: "w" } });
    expect(compile("sk >= :s AND :p = pk", { ...P, ...S })).toEqual({
      partitionValue: { S: "w" },
      sort: { op: ">=", values: [{ S: "1" }] },
    });
    expect(compile("pk = :p AND :s < sk", { ...P, ...S }).sort).toEqual({ op: ">", values: [{ S: "1" }] });
    expect(compile("(pk = :p) AND begins_with(sk, :s)", { ...P, ...S }).sort?.op).toBe("begins_with");
  });

  it.each([
    ["pk = :p AND sk <> :s", "Invalid operator used in KeyConditionExpression: <>"],
    ["pk = :p OR sk = :s", "Invalid operator used in KeyConditionExpression: OR"],
    ["pk = :p AND contains(sk, :s)", "Invalid operator used in KeyConditionExpression: contains"],
    ["pk = :p AND sk = :s AND sk = :s", "KeyConditionExpressions must only contain one condition per key"],
    ["pk < :p AND sk = :s", "Query key condition not supported"],
    [
      "sk = :s AND pk.x = :p",
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk",
    ],
    ["pk = :p AND size(sk) = :s", "KeyConditionExpressions cannot contain nested operations"],
    [
      "pk = :p AND begins_with(:s, sk)",
      "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
    ],
    ["sk = :s AND :p = :p", "Invalid condition in KeyConditionExpression: No key attribute specified"],
    [
      "pk = :p AND :s BETWEEN sk AND :s",
      "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
    ],
    [
      "sk[0] = :s OR pk.a = :p",
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk",
    ],
    [
      "sk = :s AND pk = sk",
      "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
    ],
    ["x = :p AND sk = :s", "Query condition missed key schema element: pk"],
    ["pk = :p AND x = :s", "Query condition missed key schema element: sk"],
    [
      "pk = :s AND sk = :p",
      "One or more parameter values were invalid: Condition parameter type does not match schema type",
    ],
  ])("%s", (expression, message) => {
    const values = expression.includes("pk = :s") ? { ...S, ":p": { N: "1" } } : { ...P, ...S };
    expect(() => compile(expression, values)).toThrow(message);
  });

  it("rejects empty key strings", () => {
    expect(() => compile("pk = :p AND sk > :e", { ...P, ":e": { S: "" } })).toThrow(
      "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk",
    );
  });

  it("splits into parse and key checks so unused values can be reported in between", () => {
    const ctx = new ExpressionContext(undefined, { ...P, ":unused": { S: "x" } });
    const parsed = parseKeyCondition("pk = size(sk)", ctx);
    // Order as DynamoDB Local gives it (a Java HashSet).
    expect(() => ctx.assertAllUsed()).toThrow(
      "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused, :p}",
    );
    expect(() => keyConditionFor(parsed, key)).toThrow(
      "KeyConditionExpressions cannot contain nested operations",
    );
  });
});

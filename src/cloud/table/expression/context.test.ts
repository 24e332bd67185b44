import { describe, expect, it } from "vitest";
import { ExpressionContext } from "./context.ts";
import { javaHashSetOrder } from "./java-order.ts";
import { tokenize } from "./lexer.ts";
import { DOCUMENTED_RESERVED_WORD_COUNT, isReservedWord } from "./reserved-words.ts";

describe("ExpressionContext", () => {
  it("validates the maps with DynamoDB's messages", () => {
    expect(() => new ExpressionContext({}, undefined)).toThrow("ExpressionAttributeNames must not be empty");
    expect(() => new ExpressionContext(undefined, {})).toThrow("ExpressionAttributeValues must not be empty");
    expect(() => new ExpressionContext({ n: "x" }, undefined)).toThrow(
      'ExpressionAttributeNames contains invalid key: Syntax error; key: "n"',
    );
    expect(() => new ExpressionContext({ "#a": "" }, undefined)).toThrow(
      "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a",
    );
    expect(() => new ExpressionContext(undefined, { ":x": { SS: [] } })).toThrow(
      "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :x",
    );
    expect(() => new ExpressionContext(undefined, { ":x": { N: "abc" } })).toThrow(
      "ExpressionAttributeValues contains invalid value: A value provided cannot be converted into a number for key :x",
    );
  });

  it("reports unused names before unused values, in DynamoDB's order", () => {
    const ctx = new ExpressionContext({ "#n": "x", "#m": "y" }, { ":t": { N: "1" }, ":f": { N: "2" } });
    expect(() => ctx.assertAllUsed()).toThrow(
      "Value provided in ExpressionAttributeNames unused in expressions: keys: {#m, #n}",
    );
    ctx.name("#n");
    ctx.name("#m");
    expect(() => ctx.assertAllUsed()).toThrow(
      "Value provided in ExpressionAttributeValues unused in expressions: keys: {:t, :f}",
    );
    ctx.value(":t");
    ctx.value(":f");
    expect(() => ctx.assertAllUsed()).not.toThrow();
  });
});

describe("supporting pieces", () => {
  it("orders keys as Java's HashSet does", () => {
    expect(javaHashSetOrder(["#n", "#m"])).toEqual(["#m", "#n"]);
    expect(javaHashSetOrder([":t", ":f"])).toEqual([":t", ":f"]);
  });

  it("keeps the whole documented reserved word list, minus the two DynamoDB accepts", () => {
    expect(DOCUMENTED_RESERVED_WORD_COUNT).toBe(573);
    expect(isReservedWord("status")).toBe(true);
    expect(isReservedWord("Zone")).toBe(true);
    expect(isReservedWord("size")).toBe(false);
    expect(isReservedWord("price")).toBe(false);
  });

  it("tokenizes as DynamoDB does", () => {
    expect(tokenize("a[01]<>:v_1 #n é").map((t) => `${t.kind}:${t.text}`)).toEqual([
      "identifier:a",
      "symbol:[",
      "index:0",
      "index:1",
      "symbol:]",
      "symbol:<>",
      "value::v_1",
      "name:#n",
      "unknown:é",
      "eof:<EOF>",
    ]);
  });
});

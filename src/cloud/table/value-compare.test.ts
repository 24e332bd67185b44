import { describe, expect, it } from "vitest";
import { compareValues, valuesEqual } from "./value-compare.ts";
import { attributeValueSizeBytes, itemSizeBytes } from "./value-size.ts";

describe("compareValues", () => {
  it("orders numbers numerically, not as text", () => {
    expect(compareValues({ N: "10" }, { N: "9" })).toBe(1);
    expect(compareValues({ N: "-1" }, { N: "-0.5" })).toBe(-1);
  });

  it("orders strings by UTF-8 bytes, unlike JavaScript's UTF-16 comparison", () => {
    const astral = "\u{1F600}"; // UTF-16 starts 0xD83D, UTF-8 starts 0xF0
    const high = "\uFF21"; // UTF-16 0xFF21, UTF-8 starts 0xEF
    expect(astral < high).toBe(true);
    expect(compareValues({ S: astral }, { S: high })).toBe(1);
  });

  it("orders binary as unsigned bytes, shorter prefix first", () => {
    expect(compareValues({ B: new Uint8Array([0x80]) }, { B: new Uint8Array([0x7f]) })).toBe(1);
    expect(compareValues({ B: new Uint8Array([1]) }, { B: new Uint8Array([1, 0]) })).toBe(-1);
  });
});

describe("valuesEqual", () => {
  it("compares sets without order and numbers by value", () => {
    expect(valuesEqual({ NS: ["1", "2"] }, { NS: ["2.0", "1"] })).toBe(true);
    expect(valuesEqual({ SS: ["a", "b"] }, { SS: ["b", "c"] })).toBe(false);
  });

  it("compares maps by key, lists by position, and never equates different types", () => {
    expect(
      valuesEqual({ M: { a: { N: "1" }, b: { S: "x" } } }, { M: { b: { S: "x" }, a: { N: "1.0" } } }),
    ).toBe(true);
    expect(valuesEqual({ L: [{ N: "1" }, { N: "2" }] }, { L: [{ N: "2" }, { N: "1" }] })).toBe(false);
    expect(valuesEqual({ N: "1" }, { S: "1" })).toBe(false);
    expect(valuesEqual({ M: { a: { NULL: true } } }, { M: { b: { NULL: true } } })).toBe(false);
  });
});

describe("item size", () => {
  it("follows AWS's documented rules", () => {
    expect(attributeValueSizeBytes({ S: "é" })).toBe(2);
    expect(attributeValueSizeBytes({ N: "12345" })).toBe(4); // base-100 pairs 01|23|45, plus one
    expect(attributeValueSizeBytes({ N: "0.00100" })).toBe(2); // one significant digit
    expect(attributeValueSizeBytes({ BOOL: false })).toBe(1);
    expect(attributeValueSizeBytes({ L: [] })).toBe(3);
    expect(attributeValueSizeBytes({ L: [{ S: "ab" }] })).toBe(3 + 1 + 2);
    expect(attributeValueSizeBytes({ M: { k: { NULL: true } } })).toBe(3 + 1 + 1 + 1);
    expect(itemSizeBytes({ pk: { S: "abc" }, tags: { SS: ["x", "yz"] } })).toBe(2 + 3 + 4 + 3);
  });
});

import { describe, expect, it } from "vitest";
import { itemSizeBytes, numberSize, utf8Length } from "./value-size.ts";

describe("numberSize", () => {
  // Every expectation below is what DynamoDB Local reported as SizeBytes for the value.
  it.each([
    ["0", 1],
    ["1", 2],
    ["1.5", 3],
    ["100", 2],
    ["1000", 2],
    ["0.001", 2],
    ["0.5", 2],
    ["10.1", 3],
    ["12345", 4],
    ["-1", 3],
    ["-12.5", 4],
    ["1E-130", 2],
    ["123456789012345678901234567890123456.78", 20],
    ["9.9999999999999999999999999999999999999E+125", 20],
  ])("%s takes %i bytes", (text, bytes) => {
    expect(numberSize(text)).toBe(bytes);
  });
});

describe("itemSizeBytes", () => {
  it("counts names, strings in UTF-8, binary, sets, lists and maps as DynamoDB Local does", () => {
    expect(itemSizeBytes({ v: { S: "héllo" } })).toBe(1 + 6);
    expect(itemSizeBytes({ v: { B: new Uint8Array([1, 2, 3]) } })).toBe(1 + 3);
    expect(itemSizeBytes({ v: { BOOL: true } })).toBe(1 + 1);
    expect(itemSizeBytes({ v: { NULL: true } })).toBe(1 + 1);
    expect(itemSizeBytes({ v: { SS: ["a", "bb"] } })).toBe(1 + 3);
    expect(itemSizeBytes({ v: { NS: ["1", "1.5"] } })).toBe(1 + 5);
    expect(itemSizeBytes({ v: { L: [] } })).toBe(1 + 3);
    expect(itemSizeBytes({ v: { M: {} } })).toBe(1 + 3);
    expect(itemSizeBytes({ v: { L: [{ S: "a" }, { N: "1" }] } })).toBe(1 + 8);
    expect(itemSizeBytes({ v: { M: { x: { S: "a" }, yy: { N: "1" } } } })).toBe(1 + 11);
    expect(itemSizeBytes({ v: { M: { a: { L: [{ M: { b: { S: "c" } } }] } } } })).toBe(1 + 15);
  });
});

describe("utf8Length", () => {
  it.each(["", "abc", "é", "€", "日本語", "😀", "a😀b", "\ud800", "x\udc00y", "\ud83d"])(
    "agrees with Buffer.byteLength for %j",
    (text) => {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
    },
  );
});

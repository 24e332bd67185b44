import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../aws-error.ts";
import { validateAttributeValue, validateItem } from "./value-validate.ts";

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AwsServiceError);
    expect((error as AwsServiceError).code).toBe("ValidationException");
    return (error as Error).message;
  }
  throw new Error("expected a ValidationException");
}

function nested(levels: number, type: "M" | "L"): unknown {
  let value: unknown = { S: "x" };
  for (let i = 0; i < levels; i++) value = type === "M" ? { M: { a: value } } : { L: [value] };
  return value;
}

describe("validateAttributeValue", () => {
  it.each([
    [{ SS: [] }, "One or more parameter values were invalid: An string set  may not be empty"],
    [{ NS: [] }, "One or more parameter values were invalid: An number set  may not be empty"],
    [{ BS: [] }, "One or more parameter values were invalid: Binary sets should not be empty"],
    [
      { SS: ["b", "a", "b"] },
      "One or more parameter values were invalid: Input collection [b, a, b] contains duplicates",
    ],
    [{ NS: ["1", "1.0"] }, "Input collection contains duplicates"],
    [
      { BS: [new Uint8Array([1]), new Uint8Array([1])] },
      "One or more parameter values were invalid: Input collection of type BS contains duplicates.",
    ],
    [{ NS: ["1", "zz"] }, "A value provided cannot be converted into a number"],
    [
      { NULL: false },
      "One or more parameter values were invalid: Null attribute value types must have the value of true",
    ],
    [
      { S: "a", N: "1" },
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
    ],
    [{}, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"],
    [{ M: { "": { S: "a" } } }, "Empty attribute name"],
    [{ L: [{ SS: [] }] }, "One or more parameter values were invalid: An string set  may not be empty"],
  ])("rejects %j as DynamoDB words it", (value, message) => {
    expect(messageOf(() => validateAttributeValue(value))).toBe(message);
  });

  it("accepts empty strings, empty binary and empty strings inside sets (allowed outside keys)", () => {
    expect(() => validateAttributeValue({ S: "" })).not.toThrow();
    expect(() => validateAttributeValue({ B: new Uint8Array() })).not.toThrow();
    expect(() => validateAttributeValue({ SS: ["", "a"] })).not.toThrow();
  });

  it("allows 32 levels of nesting and no more (checked against DynamoDB Local)", () => {
    expect(() => validateAttributeValue(nested(31, "M"))).not.toThrow();
    expect(messageOf(() => validateAttributeValue(nested(32, "M")))).toMatch(/^Nesting Levels have exceeded/);
    expect(messageOf(() => validateAttributeValue(nested(32, "L")))).toMatch(/^Nesting Levels have exceeded/);
  });

  it("turns wrongly shaped JavaScript values into ValidationExceptions, not TypeErrors", () => {
    for (const bad of [
      null,
      5,
      "x",
      [],
      { S: 5 },
      { L: {} },
      { M: [] },
      { B: "AQ==" },
      { SS: [1] },
      { Q: "x" },
    ]) {
      expect(messageOf(() => validateAttributeValue(bad))).toBeTruthy();
    }
  });
});

describe("validateItem", () => {
  it("checks every attribute and rejects empty names", () => {
    expect(() => validateItem({ pk: { S: "a" }, n: { N: "1e2" } })).not.toThrow();
    expect(messageOf(() => validateItem({ "": { S: "a" } }))).toBe("Empty attribute name");
    expect(messageOf(() => validateItem({ a: { N: "1E+126" } }))).toMatch(/^Number overflow/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addNumbers, checkNumber, compareNumbers, normalizeNumber, numberParts } from "./value-number.ts";

describe("normalizeNumber", () => {
  it.each([
    ["1.50", "1.5"],
    ["1e2", "100"],
    ["-0", "0"],
    ["-0.000", "0"],
    ["00012", "12"],
    ["+5", "5"],
    [".5", "0.5"],
    ["5.", "5"],
    ["-1.5E+3", "-1500"],
    ["1.23e-5", "0.0000123"],
    ["0.1234567890123456789012345678901234567800", "0.12345678901234567890123456789012345678"],
    ["1234567890123456789012345678901234567800000", "1234567890123456789012345678901234567800000"],
    ["1E-130", `0.${"0".repeat(129)}1`],
    ["9.9999999999999999999999999999999999999E+125", `${"9".repeat(38)}${"0".repeat(88)}`],
  ])("writes %s as DynamoDB returns it: %s", (input, output) => {
    expect(normalizeNumber(input)).toBe(output);
  });

  it.each(["", " 1", "1 ", "1e", "abc", "NaN", "Infinity", "0x10", "1_000", ".", "-", "1e+"])(
    "rejects %j as not a number",
    (input) => {
      expect(() => normalizeNumber(input)).toThrow("A value provided cannot be converted into a number");
    },
  );

  it("rejects more than 38 significant digits, counting neither leading nor trailing zeros", () => {
    expect(() => normalizeNumber("123456789012345678901234567890123456789")).toThrow(
      "DynamoDB only supports precision up to 38 digits",
    );
    expect(normalizeNumber("000123456789012345678901234567890123456780")).toBe(
      "123456789012345678901234567890123456780",
    );
  });

  it("rejects magnitudes outside 1E-130 .. 9.99…E+125, even with absurd exponents", () => {
    expect(() => checkNumber("1E+126")).toThrow("Number overflow.");
    expect(() => checkNumber("1E-131")).toThrow("Number underflow.");
    expect(() => checkNumber("1e99999999999999999999")).toThrow("Number overflow.");
    expect(() => checkNumber("-1e-99999999999999999999")).toThrow("Number underflow.");
    expect(normalizeNumber("0e99999999999999999999")).toBe("0");
  });
});

describe("numberParts", () => {
  it("splits sign, significant digits and exponent", () => {
    expect(numberParts("-1.50e2")).toEqual({ negative: true, digits: "15", exponent: 2 });
    expect(numberParts("0.0012")).toEqual({ negative: false, digits: "12", exponent: -3 });
  });
});

describe("addNumbers", () => {
  it("adds and subtracts exactly, in canonical form", () => {
    expect(addNumbers("0.1", "0.2")).toBe("0.3");
    expect(addNumbers("1.5", "1.5", "-")).toBe("0");
    expect(addNumbers("1.5e10", "-5e9")).toBe("10000000000");
  });

  it("refuses results DynamoDB cannot store", () => {
    expect(() => addNumbers("99999999999999999999999999999999999999", "5")).toThrow(
      "precision up to 38 digits",
    );
    expect(() => addNumbers("1.1E-130", "1E-130", "-")).toThrow("Number underflow.");
    expect(() => addNumbers("9E+125", "9E+125")).toThrow("Number overflow.");
  });
});

describe("compareNumbers", () => {
  it("orders numerically across signs, exponents and zeros", () => {
    const sorted = ["10", "-2", "9.5", "0", "-0.001", "1e2", "0.0"].sort(compareNumbers);
    expect(sorted).toEqual(["-2", "-0.001", "0", "0.0", "9.5", "10", "1e2"]);
    expect(compareNumbers("1.0", "1")).toBe(0);
    expect(compareNumbers("-10", "-9")).toBe(-1);
  });
});

describe("integers in canonical form", () => {
  it("read the same as the same number written another way", () => {
    const integer = fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }).map(String);
    fc.assert(
      fc.property(integer, (text) => {
        // `.0` sends the same value through the general parser.
        expect(numberParts(text)).toEqual(numberParts(`${text}.0`));
        expect(normalizeNumber(text)).toBe(normalizeNumber(`${text}.0`));
      }),
    );
  });
});

describe("adding integers", () => {
  it("is exact on every path (doubles, BigInt), whatever the size", () => {
    const integer = fc.oneof(
      fc.integer(),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(Number),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
    );
    fc.assert(
      fc.property(integer, integer, fc.constantFrom("+", "-" as const), (a, b, op) => {
        const [x, y] = [BigInt(a), BigInt(b)];
        const expected = (op === "+" ? x + y : x - y).toString();
        expect(addNumbers(x.toString(), y.toString(), op as "+" | "-")).toBe(expected);
      }),
    );
  });
});

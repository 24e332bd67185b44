import { unmarshall } from "@aws-sdk/util-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AttributeValue, Item } from "../../cloud/table/values.ts";
import { nativeItem } from "./native-item.ts";

/** The value, or the class and message of the error, that converting gives. */
function outcome(convert: () => unknown): unknown {
  try {
    return { value: convert() };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

// Numbers as DynamoDB stores them, with the edges of JavaScript's: beyond the safe integers,
// exponents, negative zero, fractions.
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(10n ** 38n), max: 10n ** 38n }).map(String),
  fc.constantFrom("9007199254740991", "9007199254740992", "-9007199254740993", "1e20", "1E-130", "-0", "0.5"),
);
const bytes = fc.uint8Array({ maxLength: 4 }).map((b) => new Uint8Array(b));
// Not "__proto__" (the library assigns it, so a map value becomes the prototype: checked below),
// nor "constructor", which the comparison itself reads.
const attributeName = fc.oneof(
  fc.string({ maxLength: 6 }).filter((name) => name !== "__proto__" && name !== "constructor"),
  fc.constantFrom("1", "07", "toString"),
);

const { value: attributeValue } = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.record({ S: fc.string({ maxLength: 8 }) }),
    fc.record({ N: numberText }),
    fc.record({ B: bytes }),
    fc.record({ BOOL: fc.boolean() }),
    fc.constant({ NULL: true as const }),
    fc.record({ SS: fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ NS: fc.uniqueArray(numberText, { minLength: 1, maxLength: 3 }) }),
    fc.record({ BS: fc.array(bytes, { minLength: 1, maxLength: 2 }) }),
    fc.record({ L: fc.array(tie("value"), { maxLength: 3 }) }),
    fc.record({ M: fc.dictionary(attributeName, tie("value"), { maxKeys: 3 }) }),
  ),
}));
const item = fc.dictionary(attributeName, attributeValue, { maxKeys: 5 }) as fc.Arbitrary<Item>;

describe("nativeItem", () => {
  it("gives what util-dynamodb's unmarshall gives, values, order of keys and errors alike", () => {
    fc.assert(
      fc.property(item, (it) => {
        const ours = outcome(() => nativeItem(it));
        const theirs = outcome(() => unmarshall(it as never));
        expect(ours).toStrictEqual(theirs);
        if ("value" in (ours as object)) {
          const keys = (o: unknown) => Object.keys((o as { value: object }).value);
          expect(keys(ours)).toEqual(keys(theirs));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("treats an attribute named __proto__ as the library does", () => {
    const odd = JSON.parse('{"__proto__":{"S":"x"},"a":{"M":{"__proto__":{"M":{"b":{"N":"1"}}}}}}') as Item;
    const ours = nativeItem(odd);
    const theirs = unmarshall(odd as never);
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    expect(Object.getPrototypeOf(ours.a)).toEqual(Object.getPrototypeOf(theirs.a));
  });

  it("turns numbers beyond the safe integers into BigInts, as the library does", () => {
    expect(nativeItem({ big: { N: "9007199254740993" }, small: { N: "12.5" } })).toStrictEqual({
      big: 9007199254740993n,
      small: 12.5,
    });
  });
});

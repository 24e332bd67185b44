/**
 * Attribute values for generated requests, in the low-level SDK shape (`{ S: "a" }`, `{ B: Uint8Array }`).
 * Key values come from tiny pools so that writes and reads hit the same items; numbers include
 * spellings DynamoDB normalises ("1.0", "0.10", "1e2") and edge cases of its 38-digit decimals.
 */
import fc from "fast-check";
import type { KeyType } from "./schema.ts";

/** A DynamoDB AttributeValue in the SDK's low-level shape. */
export type AttributeValue = Record<string, unknown>;

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

const keyPools: Record<KeyType, readonly AttributeValue[]> = {
  S: [{ S: "a" }, { S: "b" }, { S: "ab" }],
  N: [{ N: "1" }, { N: "2" }, { N: "-1.5" }, { N: "1.0" }],
  B: [{ B: bytes(1) }, { B: bytes(2) }, { B: bytes(1, 0) }],
};

/** A key value of the given type from the small shared pool. */
export function keyValueArb(type: KeyType): fc.Arbitrary<AttributeValue> {
  return fc.constantFrom(...keyPools[type]);
}

/** A key value of some other type than `type`, for requests DynamoDB must reject. */
export function wrongKeyValueArb(type: KeyType): fc.Arbitrary<AttributeValue> {
  const others = (["S", "N", "B"] as const).filter((t) => t !== type);
  return fc.constantFrom(...others.flatMap((t) => keyPools[t]), { BOOL: true }, { S: "" });
}

const numberArb = fc.constantFrom(
  "0",
  "1",
  "2",
  "-1",
  "1.5",
  "0.10",
  "1e2",
  "100",
  "-0",
  "12345678901234567890123456789012345678",
  "0.000000000000000000000000000000000000001",
);

const stringArb = fc.constantFrom("", "a", "b", "ab", "x y", "é", "a\u0000b");

const binaryArb = fc.constantFrom(bytes(), bytes(1), bytes(2), bytes(1, 0), bytes(255));

/** A scalar AttributeValue: S, N, B, BOOL or NULL. */
export const scalarValueArb: fc.Arbitrary<AttributeValue> = fc.oneof(
  { weight: 3, arbitrary: stringArb.map((S) => ({ S })) },
  { weight: 3, arbitrary: numberArb.map((N) => ({ N })) },
  { weight: 1, arbitrary: binaryArb.map((B) => ({ B })) },
  { weight: 1, arbitrary: fc.boolean().map((BOOL) => ({ BOOL })) },
  { weight: 1, arbitrary: fc.constant({ NULL: true }) },
);

/** A non-empty set value (SS, NS or BS) without duplicates. */
export const setValueArb: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.uniqueArray(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
  fc.uniqueArray(fc.constantFrom("1", "2", "3.5"), { minLength: 1, maxLength: 3 }).map((NS) => ({ NS })),
  fc
    .uniqueArray(fc.constantFrom(1, 2, 3), { minLength: 1, maxLength: 2 })
    .map((values) => ({ BS: values.map((value) => bytes(value)) })),
);

/** Any AttributeValue, nested up to two levels of lists and maps. */
export const attributeValueArb: fc.Arbitrary<AttributeValue> = fc.letrec<{ value: AttributeValue }>(
  (tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 6, arbitrary: scalarValueArb },
      { weight: 2, arbitrary: setValueArb },
      { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 3 }).map((L) => ({ L })) },
      {
        weight: 1,
        arbitrary: fc
          .dictionary(fc.constantFrom("x", "y", "a"), tie("value"), { maxKeys: 3 })
          .map((M) => ({ M })),
      },
    ),
  }),
).value;

/** Values DynamoDB rejects inside items: bad numbers, empty or duplicated sets, bad shapes. */
export const invalidValueArb: fc.Arbitrary<AttributeValue> = fc.constantFrom<AttributeValue>(
  { N: "abc" },
  { N: "1e200" },
  { N: "123456789012345678901234567890123456789" },
  { N: "" },
  { SS: [] },
  { SS: ["a", "a"] },
  { NS: ["1", "1.0"] },
  { S: "a", N: "1" },
  {},
);

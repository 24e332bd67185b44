/**
 * Keys and items for one generated table: mostly well-formed, now and then not (wrong key type,
 * missing sort key, extra attribute), because DynamoDB's answers to those matter as much.
 */
import fc from "fast-check";
import type { TableSchema } from "./schema.ts";
import {
  type AttributeValue,
  attributeValueArb,
  keyValueArb,
  setValueArb,
  wrongKeyValueArb,
} from "./values.ts";

/** An item or key: attribute name to AttributeValue. */
export type Item = Record<string, AttributeValue>;

/** Drops undefined members so requests carry only what was generated. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** A well-formed primary key of the table. */
export function goodKeyArb(schema: TableSchema): fc.Arbitrary<Item> {
  const { hash, range } = schema;
  if (range === undefined) return keyValueArb(hash.type).map((value) => ({ [hash.name]: value }));
  return fc
    .tuple(keyValueArb(hash.type), keyValueArb(range.type))
    .map(([h, r]) => ({ [hash.name]: h, [range.name]: r }));
}

function badKeyArb(schema: TableSchema): fc.Arbitrary<Item> {
  const { hash, range } = schema;
  return goodKeyArb(schema).chain((key) =>
    fc.oneof(
      wrongKeyValueArb(hash.type).map((value) => ({ ...key, [hash.name]: value })),
      fc.constant({ ...key, a: { S: "extra" } }),
      fc.constant(
        range === undefined ? { ...key, sk: { S: "a" } } : { [hash.name]: key[hash.name] ?? { S: "a" } },
      ),
      fc.constant({}),
    ),
  );
}

/** A primary key, malformed about one time in thirty. */
export function keyArb(schema: TableSchema): fc.Arbitrary<Item> {
  return fc.oneof({ weight: 29, arbitrary: goodKeyArb(schema) }, { weight: 1, arbitrary: badKeyArb(schema) });
}

function indexValueArb(schema: TableSchema, name: string): fc.Arbitrary<AttributeValue> | undefined {
  const attribute = schema.indexes.flatMap((i) => [i.hash, i.range]).find((a) => a?.name === name);
  if (attribute === undefined) return undefined;
  // A wrong type in an index key attribute is a ValidationException, worth seeing once in a while.
  return fc.oneof(
    { weight: 10, arbitrary: keyValueArb(attribute.type) },
    { weight: 1, arbitrary: wrongKeyValueArb(attribute.type) },
  );
}

/** An item: a key plus a random subset of the other attributes (index keys typed to fit, mostly). */
export function itemArb(schema: TableSchema): fc.Arbitrary<Item> {
  const others: Record<string, fc.Arbitrary<AttributeValue>> = {
    a: attributeValueArb,
    b: fc.constantFrom("0", "1", "7", "-3").map((N) => ({ N })),
    c: fc.constantFrom("", "a", "abc").map((S) => ({ S })),
    l: fc.array(attributeValueArb, { maxLength: 3 }).map((L) => ({ L })),
    m: fc.dictionary(fc.constantFrom("x", "y"), attributeValueArb, { maxKeys: 2 }).map((M) => ({ M })),
    s: setValueArb,
  };
  for (const name of ["gh", "gr", "g2"]) {
    const arbitrary = indexValueArb(schema, name);
    if (arbitrary !== undefined) others[name] = arbitrary;
  }
  return fc
    .tuple(keyArb(schema), fc.record(others, { requiredKeys: [] }))
    .map(([key, rest]) => ({ ...(rest as Item), ...key }));
}

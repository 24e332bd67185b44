/**
 * Table shapes for the generated cases: a hash key, maybe a sort key, up to two GSIs, a stream.
 * Names are fixed and few so that generated requests collide on the same items.
 */
import fc from "fast-check";

/** A key attribute's type. */
export type KeyType = "S" | "N" | "B";

/** One key attribute: name and type. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

/** A global secondary index of the generated table. */
export interface IndexSchema {
  readonly name: string;
  readonly hash: KeyAttribute;
  readonly range?: KeyAttribute;
  readonly projection: "ALL" | "KEYS_ONLY" | "INCLUDE";
}

/** The generated table. */
export interface TableSchema {
  readonly hash: KeyAttribute;
  readonly range?: KeyAttribute;
  readonly indexes: readonly IndexSchema[];
  readonly streamViewType: "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";
}

/** The table every case creates. */
export const TABLE_NAME = "tbl";
/** A table that never exists (ResourceNotFoundException). */
export const MISSING_TABLE = "nosuchtable";

const keyTypeArb: fc.Arbitrary<KeyType> = fc.constantFrom("S", "N", "B");

const indexArb = (name: string, hashName: string, rangeName: string): fc.Arbitrary<IndexSchema> =>
  fc
    .record({
      hashType: keyTypeArb,
      rangeType: fc.option(keyTypeArb, { nil: undefined }),
      projection: fc.constantFrom("ALL" as const, "KEYS_ONLY" as const, "INCLUDE" as const),
    })
    .map(({ hashType, rangeType, projection }) => ({
      name,
      hash: { name: hashName, type: hashType },
      ...(rangeType === undefined ? {} : { range: { name: rangeName, type: rangeType } }),
      projection,
    }));

/**
 * Arbitrary table schemas. Index key attributes are `gh`/`gr` (first GSI) and `g2` (second GSI);
 * the second GSI may use the table's hash key `pk` as its sort key, as inverted indexes do.
 *
 * @example
 * fc.sample(tableSchemaArb(), 1)[0]?.hash.name; // "pk"
 */
export function tableSchemaArb(): fc.Arbitrary<TableSchema> {
  return fc
    .record({
      hashType: keyTypeArb,
      rangeType: fc.option(keyTypeArb, { nil: undefined }),
      first: fc.option(indexArb("idx1", "gh", "gr"), { nil: undefined, freq: 3 }),
      second: fc.option(indexArb("idx2", "g2", "pk"), { nil: undefined }),
      streamViewType: fc.constantFrom(
        "NEW_AND_OLD_IMAGES" as const,
        "KEYS_ONLY" as const,
        "NEW_IMAGE" as const,
        "OLD_IMAGE" as const,
      ),
    })
    .map(({ hashType, rangeType, first, second, streamViewType }) => {
      const hash = { name: "pk", type: hashType };
      // The inverted index's sort key is pk itself, so it must carry pk's type.
      const fixedSecond: IndexSchema | undefined =
        second?.range === undefined ? second : { ...second, range: { name: "pk", type: hashType } };
      const indexes = [first, fixedSecond].filter((index): index is IndexSchema => index !== undefined);
      return {
        hash,
        ...(rangeType === undefined ? {} : { range: { name: "sk", type: rangeType } }),
        indexes,
        streamViewType,
      };
    });
}

function keySchema(hash: KeyAttribute, range: KeyAttribute | undefined): Record<string, string>[] {
  const schema = [{ AttributeName: hash.name, KeyType: "HASH" }];
  if (range !== undefined) schema.push({ AttributeName: range.name, KeyType: "RANGE" });
  return schema;
}

/** Every key attribute of the table and its indexes, once each. */
export function keyAttributes(schema: TableSchema): KeyAttribute[] {
  const all = [schema.hash, schema.range, ...schema.indexes.flatMap((index) => [index.hash, index.range])];
  const byName = new Map<string, KeyAttribute>();
  for (const attribute of all) if (attribute !== undefined) byName.set(attribute.name, attribute);
  return [...byName.values()];
}

/**
 * The CreateTable request for a schema (on-demand, stream enabled).
 *
 * @example
 * driver.send("CreateTable", createTableInput(schema));
 */
export function createTableInput(schema: TableSchema): Record<string, unknown> {
  const indexes = schema.indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: keySchema(index.hash, index.range),
    Projection:
      index.projection === "INCLUDE"
        ? { ProjectionType: "INCLUDE", NonKeyAttributes: ["a"] }
        : { ProjectionType: index.projection },
  }));
  return {
    TableName: TABLE_NAME,
    KeySchema: keySchema(schema.hash, schema.range),
    AttributeDefinitions: keyAttributes(schema).map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    BillingMode: "PAY_PER_REQUEST",
    StreamSpecification: { StreamEnabled: true, StreamViewType: schema.streamViewType },
    ...(indexes.length === 0 ? {} : { GlobalSecondaryIndexes: indexes }),
  };
}

/** The index of the schema by name, if any. */
export function findIndex(schema: TableSchema, name: unknown): IndexSchema | undefined {
  return schema.indexes.find((index) => index.name === name);
}

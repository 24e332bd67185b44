/**
 * Query and Scan requests, on the table or one of its GSIs, with paging (Limit, ExclusiveStartKey),
 * direction, Select and filters.
 */
import fc from "fast-check";
import { conditionArb, projectionArb } from "./expression-arbitraries.ts";
import { ExpressionContext } from "./expressions.ts";
import { compact, goodKeyArb, type Item } from "./items.ts";
import type { Step } from "./operations.ts";
import { opt, renderParts } from "./operations.ts";
import { type IndexSchema, type KeyAttribute, TABLE_NAME, type TableSchema } from "./schema.ts";
import { type AttributeValue, keyValueArb } from "./values.ts";

type RangeCondition =
  | { readonly op: "=" | "<" | "<=" | ">" | ">="; readonly value: AttributeValue }
  | { readonly op: "BETWEEN"; readonly value: AttributeValue; readonly high: AttributeValue }
  | { readonly op: "begins_with"; readonly value: AttributeValue };

function rangeConditionArb(range: KeyAttribute): fc.Arbitrary<RangeCondition> {
  const value = keyValueArb(range.type);
  return fc.oneof(
    fc.record({
      op: fc.constantFrom("=" as const, "<" as const, "<=" as const, ">" as const, ">=" as const),
      value,
    }),
    fc.record({ op: fc.constant("BETWEEN" as const), value, high: value }),
    fc.record({ op: fc.constant("begins_with" as const), value }),
  );
}

function renderKeyCondition(
  hash: KeyAttribute,
  hashValue: AttributeValue,
  range: KeyAttribute | undefined,
  condition: RangeCondition | undefined,
  context: ExpressionContext,
): string {
  const hashPart = `${context.name(hash.name)} = ${context.value(hashValue)}`;
  if (range === undefined || condition === undefined) return hashPart;
  const name = context.name(range.name);
  const value = context.value(condition.value);
  if (condition.op === "BETWEEN")
    return `${hashPart} AND ${name} BETWEEN ${value} AND ${context.value(condition.high)}`;
  if (condition.op === "begins_with") return `${hashPart} AND begins_with(${name}, ${value})`;
  return `${hashPart} AND ${name} ${condition.op} ${value}`;
}

/** A starting key: the table's key plus, on an index, the index's key attributes. */
function startKeyArb(schema: TableSchema, index: IndexSchema | undefined): fc.Arbitrary<Item> {
  if (index === undefined) return goodKeyArb(schema);
  const indexKeys = [index.hash, index.range].filter((a): a is KeyAttribute => a !== undefined);
  return fc
    .tuple(goodKeyArb(schema), fc.tuple(...indexKeys.map((a) => keyValueArb(a.type))))
    .map(([key, values]) => {
      const start: Item = { ...key };
      indexKeys.forEach((attribute, i) => {
        const value = values[i];
        if (value !== undefined) start[attribute.name] = value;
      });
      return start;
    });
}

/** Select that fits the projection (mismatches come from the generated mistakes). */
function selectFor(choice: number, hasProjection: boolean, onIndex: boolean): string | undefined {
  if (hasProjection) return choice % 2 === 0 ? "SPECIFIC_ATTRIBUTES" : undefined;
  const options = ["ALL_ATTRIBUTES", "COUNT", ...(onIndex ? ["ALL_PROJECTED_ATTRIBUTES"] : [])];
  return choice < options.length ? options[choice] : undefined;
}

/** The options Query and Scan share. */
function pagingArb(schema: TableSchema, index: IndexSchema | undefined) {
  return fc.record({
    limit: opt(fc.constantFrom(1, 2, 3), 3),
    startKey: opt(startKeyArb(schema, index), 5),
    select: fc.integer({ min: 0, max: 5 }),
    filter: opt(conditionArb, 4),
    projection: opt(projectionArb, 4),
    consistent: opt(fc.boolean(), 5),
    // With a Limit, now and then read every page by following LastEvaluatedKey.
    followPages: fc.boolean(),
  });
}

/**
 * The followPages flag of a step, when the paging options ask for it. `ordered`: the read has a
 * specified order (a table Query); otherwise what follows an ExclusiveStartKey depends on the
 * order, so such reads are paged only from the start.
 */
function pagesFlag(
  paging: {
    readonly limit?: number | undefined;
    readonly startKey?: Item | undefined;
    readonly followPages: boolean;
  },
  ordered: boolean,
): { followPages?: true } {
  const fromStart = ordered || paging.startKey === undefined;
  return paging.limit !== undefined && paging.followPages && fromStart ? { followPages: true } : {};
}

function targetArb(schema: TableSchema): fc.Arbitrary<IndexSchema | undefined> {
  return schema.indexes.length === 0 ? fc.constant(undefined) : opt(fc.constantFrom(...schema.indexes), 1);
}

/** Query on the table or a GSI. */
export function queryArb(schema: TableSchema): fc.Arbitrary<Step> {
  return targetArb(schema).chain((index) => {
    const hash = index?.hash ?? schema.hash;
    const range = index === undefined ? schema.range : index.range;
    return fc
      .record({
        hashValue: keyValueArb(hash.type),
        rangeCondition: range === undefined ? fc.constant(undefined) : opt(rangeConditionArb(range), 1),
        forward: opt(fc.boolean()),
        paging: pagingArb(schema, index),
      })
      .map(({ hashValue, rangeCondition, forward, paging }) => {
        const context = new ExpressionContext();
        const keyCondition = renderKeyCondition(hash, hashValue, range, rangeCondition, context);
        return {
          operation: "Query",
          ...pagesFlag(paging, index === undefined),
          input: compact({
            TableName: TABLE_NAME,
            IndexName: index?.name,
            KeyConditionExpression: keyCondition,
            ScanIndexForward: forward,
            Limit: paging.limit,
            // A start key in another partition is just an error; keep it in the queried one.
            ExclusiveStartKey:
              paging.startKey === undefined ? undefined : { ...paging.startKey, [hash.name]: hashValue },
            Select: selectFor(paging.select, paging.projection !== undefined, index !== undefined),
            ConsistentRead: paging.consistent,
            ...renderParts({ filter: paging.filter, projection: paging.projection }, context),
          }),
        };
      });
  });
}

/** Scan of the table or a GSI. */
export function scanArb(schema: TableSchema): fc.Arbitrary<Step> {
  return targetArb(schema).chain((index) =>
    pagingArb(schema, index).map((paging) => ({
      operation: "Scan",
      ...pagesFlag(paging, false),
      input: compact({
        TableName: TABLE_NAME,
        IndexName: index?.name,
        Limit: paging.limit,
        ExclusiveStartKey: paging.startKey,
        Select: selectFor(paging.select, paging.projection !== undefined, index !== undefined),
        ConsistentRead: paging.consistent,
        ...renderParts({ filter: paging.filter, projection: paging.projection }),
      }),
    })),
  );
}

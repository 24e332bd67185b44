import { Consumption, consumedCapacityMode, readUnits } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import { conditionTopLevelNames, keyConditionFor, parseKeyCondition } from "../expression/index.ts";
import type { StoredEntry } from "../item-store.ts";
import { compareOrder, lowerBound } from "../item-store.ts";
import { encodeKeyValue } from "../keys.ts";
import type { Input } from "../request.ts";
import { optionalBoolean, rejectLegacy, tableNameOf } from "../request.ts";
import type { AttributeValue, Item } from "../values.ts";
import { compareValues } from "../values.ts";
import { readStartKey } from "./cursor.ts";
import type { SortCondition } from "./key-range.ts";
import { checkKeyConditionTypes, sortMatches, sortRange } from "./key-range.ts";
import type { Page } from "./page.ts";
import { collectPage, pageOutput } from "./page.ts";
import type { ReadParams } from "./read-params.ts";
import { checkSelect, readReadParams } from "./read-params.ts";
import { withCapacity } from "./write-common.ts";

function* walk(
  entries: readonly StoredEntry[],
  from: number,
  to: number,
  forward: boolean,
): Generator<StoredEntry> {
  if (forward) for (let i = from; i < to; i++) yield entries[i]!;
  else for (let i = to - 1; i >= from; i--) yield entries[i]!;
}

/** Narrows [start, end) to the entries after (or, backwards, before) the ExclusiveStartKey. */
function afterStart(
  entries: readonly StoredEntry[],
  range: [number, number],
  startOrder: readonly AttributeValue[],
  forward: boolean,
): [number, number] {
  const [start, end] = range;
  if (forward) {
    const after = lowerBound(entries, startOrder, (e, o) => (compareOrder(e.order, o) <= 0 ? -1 : 1));
    return [Math.max(start, after), end];
  }
  const before = lowerBound(entries, startOrder, (e, o) => compareOrder(e.order, o));
  return [start, Math.min(end, before)];
}

function checkStartInRange(
  params: ReadParams,
  start: Item,
  partition: AttributeValue,
  sort: SortCondition | undefined,
): void {
  const sortName = params.keys.sort?.name;
  const samePartition = encodeKeyValue(start[params.keys.partition.name]!) === encodeKeyValue(partition);
  if (!samePartition || (sortName !== undefined && !sortMatches(start[sortName]!, sort))) {
    throw validationError("The provided starting key does not match the range key predicate");
  }
}

/**
 * Drops the LastEvaluatedKey of a page whose last item sits exactly on the inclusive bound that
 * ends the key range (`<=` or BETWEEN's upper bound going forwards, `>=` or BETWEEN's lower bound
 * going backwards), or the only item of a partition of a table without a sort key: no further
 * item can match. DynamoDB Local does this (and still returns a key for `=` on a sort key); the
 * service's documentation does not say, so we follow DynamoDB Local.
 */
function endsAtInclusiveBound(
  page: Page,
  params: ReadParams,
  sort: SortCondition | undefined,
  forward: boolean,
): Page {
  const last = page.lastEvaluatedKey;
  const sortName = params.keys.sort?.name;
  // A table without a sort key holds one item per partition key: the page that returns it is the
  // last one (DynamoDB Local returns no LastEvaluatedKey there; probe: Query pk = :v, Limit 1).
  if (last !== undefined && params.index === undefined && sortName === undefined)
    return { ...page, lastEvaluatedKey: undefined };
  if (last === undefined || sort === undefined || sortName === undefined) return page;
  const [low, high] = sort.values;
  const bound = forward
    ? sort.op === "<="
      ? low
      : sort.op === "BETWEEN"
        ? high
        : undefined
    : sort.op === ">=" || sort.op === "BETWEEN"
      ? low
      : undefined;
  if (bound === undefined || compareValues(last[sortName]!, bound) !== 0) return page;
  return { ...page, lastEvaluatedKey: undefined };
}

/**
 * A Query's FilterExpression may not read the key attributes of the table or index it queries
 * (those belong in the KeyConditionExpression); DynamoDB names the first in key schema order.
 * Checked after the key condition and the start key, as DynamoDB Local orders its complaints.
 */
function checkFilterNamesNoKey(params: ReadParams): void {
  if (params.filter === undefined) return;
  const used = new Set(conditionTopLevelNames(params.filter));
  const { partition, sort } = params.keys;
  for (const attribute of sort === undefined ? [partition] : [partition, sort]) {
    if (used.has(attribute.name)) {
      throw validationError(
        `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${attribute.name}`,
      );
    }
  }
}

/**
 * Query: the items of one partition (of the table or a GSI) whose sort key satisfies the
 * KeyConditionExpression, in sort key order (or reversed), paged by Limit and 1 MB.
 *
 * @example
 * query(engine, { TableName: "Orders", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": { S: "c1" } } });
 */
export function query(engine: Engine, input: Input): Record<string, unknown> {
  rejectLegacy("Query", input);
  const table = engine.table(tableNameOf(input));
  const { expressions, ctx } = readExpressionInputs(
    input,
    ["KeyConditionExpression", "FilterExpression", "ProjectionExpression"],
    "FilterExpression and KeyConditionExpression are null",
  );
  const keyText = expressions.KeyConditionExpression;
  if (keyText === undefined) {
    throw validationError(
      "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
    );
  }
  // DynamoDB Local's order of complaints (probed pairwise): Limit, IndexName, the filter and
  // projection, the key condition (its syntax too: a projection syntax error comes first), unused
  // placeholders, the key condition against the key schema, the start key, then Select.
  const params = readReadParams(table, input, "Querying", expressions, ctx);
  const parsed = parseKeyCondition(keyText, ctx);
  ctx.assertAllUsed();
  const { partition, sort } = params.keys;
  const condition = keyConditionFor(parsed, {
    partition: partition.name,
    partitionType: partition.type,
    ...(sort === undefined ? {} : { sort: sort.name, sortType: sort.type }),
  });
  checkKeyConditionTypes(params.keys, condition.partitionValue, condition.sort);
  const forward = optionalBoolean(input, "ScanIndexForward") ?? true;
  const mode = consumedCapacityMode(input);
  const start = readStartKey(params, input.ExclusiveStartKey);
  if (start !== undefined) checkStartInRange(params, start, condition.partitionValue, condition.sort);
  checkSelect(input, params);
  checkFilterNamesNoKey(params);

  const view = engine.view(table, params.consistent);
  const store = params.index === undefined ? view.store : view.index(params.index.definition.indexName)!;
  const entries = store.partition(condition.partitionValue)?.entries ?? [];
  let range = sortRange(entries, condition.sort);
  if (start !== undefined) range = afterStart(entries, range, store.orderOf(start), forward);
  const page = endsAtInclusiveBound(
    collectPage(walk(entries, range[0], range[1], forward), params),
    params,
    condition.sort,
    forward,
  );
  const meter = new Consumption(engine, table, "read");
  meter.add(readUnits(page.bytesRead, params.consistent), params.index?.definition.indexName);
  return withCapacity(pageOutput(page, params), meter.report(mode));
}

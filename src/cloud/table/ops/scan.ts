import { Consumption, consumedCapacityMode, readUnits } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import type { ItemStore, StoredEntry } from "../item-store.ts";
import { compareOrder, lowerBound } from "../item-store.ts";
import { encodeKeyValue, partitionHash } from "../keys.ts";
import type { Input } from "../request.ts";
import { optionalInteger, rejectLegacy, tableNameOf } from "../request.ts";
import type { Item } from "../values.ts";
import { readStartKey } from "./cursor.ts";
import { collectPage, pageOutput } from "./page.ts";
import { checkSelect, readIndex, readReadParams } from "./read-params.ts";
import { withCapacity } from "./write-common.ts";

const HASH_SPACE = 0x1_0000_0000;

function constraint(value: number, member: string, bound: string): Error {
  return validationError(
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value ${bound}`,
  );
}

/** The partition-hash range [low, high) that a parallel scan segment covers. */
function readSegment(input: Input): [number, number] {
  const segment = optionalInteger(input, "Segment");
  const total = optionalInteger(input, "TotalSegments");
  if (segment === undefined && total === undefined) return [0, HASH_SPACE];
  if (total === undefined)
    throw validationError("If segment is specified, total segment must also be specified");
  if (segment === undefined) {
    throw validationError(
      "If total segments is specified, a particular segment must also be specified for this request",
    );
  }
  if (total < 1) throw constraint(total, "totalSegments", "greater than or equal to 1");
  if (total > 1_000_000) throw constraint(total, "totalSegments", "less than or equal to 1000000");
  // DynamoDB Local reports a negative segment as "less than or equal to <total-1>"; the bound
  // broken is the lower one.
  if (segment < 0) throw constraint(segment, "segment", "greater than or equal to 0");
  if (segment >= total) throw constraint(segment, "segment", `less than or equal to ${total - 1}`);
  return [Math.floor((segment * HASH_SPACE) / total), Math.floor(((segment + 1) * HASH_SPACE) / total)];
}

/** Entries of the partitions whose hash lies in [low, high), in scan order, after `start`. */
function* entriesFrom(
  store: ItemStore,
  low: number,
  high: number,
  start: Item | undefined,
): Generator<StoredEntry> {
  const partitions = store.partitions();
  let index = lowerBound(partitions, low, (p, h) => p.hash - h);
  let startOrder: ReturnType<ItemStore["orderOf"]> | undefined;
  if (start !== undefined) {
    const position = store.partitionPosition(start[store.schema.partition.name]!);
    index = position.index;
    if (position.exact) startOrder = store.orderOf(start);
  }
  for (; index < partitions.length && partitions[index]!.hash < high; index++) {
    const entries = partitions[index]!.entries;
    let i = 0;
    if (startOrder !== undefined) {
      const order = startOrder;
      i = lowerBound(entries, order, (e, o) => (compareOrder(e.order, o) <= 0 ? -1 : 1));
      startOrder = undefined;
    }
    for (; i < entries.length; i++) yield entries[i]!;
  }
}

/**
 * Scan: every item of the table (or of a GSI), partition by partition in the order of a hash of
 * the partition key (see `partitionHash`), each partition in sort key order; paged by Limit and
 * 1 MB; parallel scans split the hash space into TotalSegments equal ranges.
 *
 * @example
 * scan(engine, { TableName: "Orders", Segment: 0, TotalSegments: 4 });
 */
export function scan(engine: Engine, input: Input): Record<string, unknown> {
  rejectLegacy("Scan", input);
  const table = engine.table(tableNameOf(input));
  readIndex(table, input);
  const { expressions, ctx } = readExpressionInputs(
    input,
    ["FilterExpression", "ProjectionExpression"],
    "FilterExpression is null",
  );
  const params = readReadParams(table, input, "Scanning", expressions, ctx);
  ctx.assertAllUsed();
  const mode = consumedCapacityMode(input);
  const start = readStartKey(params, input.ExclusiveStartKey);
  // Select after the expressions and the start key, the segment after Select (probe against
  // DynamoDB Local: Select ALL_ATTRIBUTES with a ProjectionExpression and Segment 3 of 2 is
  // refused for the Select).
  checkSelect(input, params);
  const [low, high] = readSegment(input);
  if (start !== undefined) {
    const hash = partitionHash(encodeKeyValue(start[params.keys.partition.name]!));
    if (hash < low || hash >= high) throw validationError("Exclusive start key must lie within the segment");
  }
  const view = engine.view(table, params.consistent);
  const store = params.index === undefined ? view.store : view.index(params.index.definition.indexName)!;
  const page = collectPage(entriesFrom(store, low, high, start), params);
  const meter = new Consumption(engine, table, "read");
  meter.add(readUnits(page.bytesRead, params.consistent), params.index?.definition.indexName);
  return withCapacity(pageOutput(page, params), meter.report(mode));
}

import type { AwsServiceError } from "../../aws-error.ts";
import { Consumption, consumedCapacityMode } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { validationError } from "../errors.ts";
import { readKey, readWriteItem } from "../item-input.ts";
import { encodeKey, extractKey } from "../keys.ts";
import type { Input } from "../request.ts";
import { checkTableRef, isRecord, optionalRecord } from "../request.ts";
import type { Table } from "../table.ts";
import type { Item } from "../values.ts";
import { validateItem } from "../values.ts";
import { catchThrottle } from "./throttle.ts";

const MAX_REQUESTS = 25;

interface WriteRequest {
  readonly raw: unknown;
  readonly key: Item;
  /** The item to put; undefined for a delete. */
  readonly item: Item | undefined;
}

function readWriteRequest(table: Table, raw: unknown): WriteRequest {
  const request = isRecord(raw) ? raw : {};
  const put = optionalRecord(request, "PutRequest");
  const del = optionalRecord(request, "DeleteRequest");
  if ((put === undefined) === (del === undefined)) {
    // DynamoDB Local's wording for a WriteRequest with both or neither member.
    throw validationError(
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
    );
  }
  if (put !== undefined) {
    const item = readWriteItem(table, put.Item, "Item to put in PutItem cannot be null", true);
    return { raw, key: extractKey(table.definition.keys, item), item };
  }
  return { raw, key: readKey(table, del?.Key), item: undefined };
}

/** The write requests of one table, under the name (or ARN) the request used for it. */
interface TableWrites {
  readonly name: string;
  readonly table: Table;
  readonly writes: WriteRequest[];
}

function readRequests(engine: Engine, input: Input): TableWrites[] {
  const requestItems = optionalRecord(input, "RequestItems");
  if (requestItems === undefined || Object.keys(requestItems).length === 0) {
    throw validationError("BatchWriteItem cannot have a null or no requests set");
  }
  let total = 0;
  for (const [name, list] of Object.entries(requestItems)) {
    if (!Array.isArray(list) || list.length === 0) {
      throw validationError(`The batch write request list for a table cannot be null or empty: ${name}`);
    }
    total += list.length;
  }
  if (total > MAX_REQUESTS) throw validationError("Too many items requested for the BatchWriteItem call");
  // DynamoDB Local checks every attribute value of the call before any key (probe: a malformed
  // number in a second request is reported before a key of the wrong type in the first).
  for (const list of Object.values(requestItems)) for (const raw of list as unknown[]) validateValues(raw);
  const requests: TableWrites[] = [];
  for (const [name, list] of Object.entries(requestItems)) {
    const table = engine.table(checkTableRef(name));
    const seen = new Set<string>();
    // Request by request: its key and index keys, then whether an earlier one named the same item
    // (probe: a key of the wrong type before a repeated item is reported, one after it is not).
    const writes = (list as unknown[]).map((raw) => {
      const write = readWriteRequest(table, raw);
      const identity = encodeKey(table.definition.keys, write.key);
      if (seen.has(identity)) throw validationError("Provided list of item keys contains duplicates");
      seen.add(identity);
      return write;
    });
    requests.push({ name, table, writes });
  }
  return requests;
}

/** Checks the attribute values of one write request (the item to put or the key to delete). */
function validateValues(raw: unknown): void {
  const request = isRecord(raw) ? raw : {};
  const values = optionalRecord(request, "PutRequest")?.Item ?? optionalRecord(request, "DeleteRequest")?.Key;
  if (isRecord(values)) validateItem(values);
}

/**
 * BatchWriteItem: up to 25 unconditional puts and deletes over several tables, each applied on
 * its own (not atomically). Requests throttled by the capacity meter come back in
 * UnprocessedItems; only when none could be applied is the throttling error thrown.
 *
 * @example
 * batchWriteItem(engine, { RequestItems: { Orders: [{ PutRequest: { Item: { pk: { S: "o1" } } } }] } });
 */
export function batchWriteItem(engine: Engine, input: Input): Record<string, unknown> {
  const requests = readRequests(engine, input);
  const mode = consumedCapacityMode(input);
  const unprocessed: Record<string, unknown[]> = {};
  const capacity: Record<string, unknown>[] = [];
  let applied = 0;
  let firstThrottle: AwsServiceError | undefined;
  for (const { name, table, writes } of requests) {
    const meter = new Consumption(engine, table, "write");
    for (const write of writes) {
      const oldItem = table.store.get(write.key);
      const throttled = catchThrottle(() => meter.addWrite(oldItem, write.item));
      if (throttled !== undefined) {
        firstThrottle ??= throttled;
        unprocessed[name] = [...(unprocessed[name] ?? []), write.raw];
        continue;
      }
      applied++;
      engine.commit(table, write.key, oldItem, write.item);
    }
    const report = meter.report(mode);
    if (report !== undefined) capacity.push(report);
  }
  if (applied === 0 && firstThrottle !== undefined) throw firstThrottle;
  const out: Record<string, unknown> = { UnprocessedItems: unprocessed };
  if (mode !== "NONE") out.ConsumedCapacity = capacity;
  return out;
}

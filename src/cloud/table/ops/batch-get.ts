import type { AwsServiceError } from "../../aws-error.ts";
import { canonicalItem } from "../canonical.ts";
import { Consumption, consumedCapacityMode, readUnits } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import type { Projection } from "../expression/index.ts";
import { compileProjection, project } from "../expression/index.ts";
import { readKey } from "../item-input.ts";
import { sizeOf } from "../item-size.ts";
import { encodeKey, encodeKeyValue } from "../keys.ts";
import type { Input } from "../request.ts";
import {
  checkTableRef,
  isRecord,
  optionalArray,
  optionalBoolean,
  optionalRecord,
  rejectLegacy,
} from "../request.ts";
import type { Table } from "../table.ts";
import type { Item } from "../values.ts";
import { validateItem } from "../values.ts";
import { catchThrottle } from "./throttle.ts";

const MAX_KEYS = 100;
/** BatchGetItem returns at most 16 MB; keys beyond that come back unprocessed. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

interface TableRequest {
  /** The table's name or ARN as the request gave it; responses are keyed by it. */
  readonly name: string;
  readonly table: Table;
  readonly raw: Record<string, unknown>;
  readonly keys: Item[];
  readonly consistent: boolean;
  readonly projection: Projection | undefined;
}

/** A key as sent, whatever its attributes: numbers by value, attribute names in order. */
function rawKeyIdentity(key: Item): string {
  const names = Object.keys(key).sort();
  return JSON.stringify(
    names.map((name) => {
      const value = key[name]!;
      const scalar = "S" in value || "N" in value || "B" in value;
      return [name, scalar ? encodeKeyValue(value) : JSON.stringify(value)];
    }),
  );
}

function readTableRequest(engine: Engine, name: string, raw: unknown): TableRequest {
  const entry = isRecord(raw) ? raw : {};
  rejectLegacy("BatchGetItem", entry);
  const list = optionalArray(entry, "Keys");
  if (list === undefined || list.length === 0) {
    throw validationError(
      `The list of keys in RequestItems for BatchGetItem is required: ${name} has empty list`,
    );
  }
  // DynamoDB Local's order (probed): placeholder maps without an expression, attribute values,
  // repeated keys (compared as sent, before the table is looked up), the keys against the
  // table's schema, and only then the ProjectionExpression.
  const { expressions, ctx } = readExpressionInputs(
    entry,
    ["ProjectionExpression"],
    "ProjectionExpression is null",
  );
  for (const key of list) if (isRecord(key)) validateItem(key);
  const identities = new Set(list.map((key) => (isRecord(key) ? rawKeyIdentity(key as Item) : "")));
  if (identities.size !== list.length)
    throw validationError("Provided list of item keys contains duplicates");
  const table = engine.table(checkTableRef(name));
  const keys = list.map((key) => readKey(table, key));
  const seen = new Set(keys.map((key) => encodeKey(table.definition.keys, key)));
  if (seen.size !== keys.length) throw validationError("Provided list of item keys contains duplicates");
  const text = expressions.ProjectionExpression;
  const projection = text === undefined ? undefined : compileProjection(text, ctx);
  ctx.assertAllUsed();
  return {
    name,
    table,
    raw: entry,
    keys,
    consistent: optionalBoolean(entry, "ConsistentRead") ?? false,
    projection,
  };
}

function readRequests(engine: Engine, input: Input): TableRequest[] {
  const requestItems = optionalRecord(input, "RequestItems");
  if (requestItems === undefined || Object.keys(requestItems).length === 0) {
    throw validationError("BatchGetItem must have some requests set");
  }
  let total = 0;
  for (const raw of Object.values(requestItems)) {
    const keys = isRecord(raw) ? raw.Keys : undefined;
    total += Array.isArray(keys) ? keys.length : 0;
  }
  if (total > MAX_KEYS) throw validationError("Too many items requested for the BatchGetItem call");
  return Object.entries(requestItems).map(([name, raw]) => readTableRequest(engine, name, raw));
}

/**
 * BatchGetItem: up to 100 keys over several tables, each read as a GetItem (capacity rounded per
 * item). Keys throttled by the capacity meter, or beyond 16 MB of response, come back in
 * UnprocessedKeys; only when no key at all could be read is the throttling error thrown.
 *
 * @example
 * batchGetItem(engine, { RequestItems: { Orders: { Keys: [{ pk: { S: "o1" } }] } } });
 */
export function batchGetItem(engine: Engine, input: Input): Record<string, unknown> {
  const requests = readRequests(engine, input);
  const mode = consumedCapacityMode(input);
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, Record<string, unknown>> = {};
  const capacity: Record<string, unknown>[] = [];
  let processed = 0;
  let firstThrottle: AwsServiceError | undefined;
  let responseBytes = 0;
  for (const request of requests) {
    const name = request.name;
    const meter = new Consumption(engine, request.table, "read");
    const view = engine.view(request.table, request.consistent);
    const items: Item[] = [];
    const left: Item[] = [];
    for (const key of request.keys) {
      const item = view.store.get(key);
      const size = sizeOf(item);
      const throttled =
        responseBytes + size > MAX_RESPONSE_BYTES
          ? null
          : catchThrottle(() => meter.add(readUnits(size, request.consistent)));
      if (throttled !== undefined) {
        firstThrottle ??= throttled ?? undefined;
        left.push(key);
        continue;
      }
      processed++;
      responseBytes += size;
      if (item !== undefined)
        items.push(
          canonicalItem(request.projection === undefined ? item : project(request.projection, item)),
        );
    }
    responses[name] = items;
    if (left.length > 0) unprocessed[name] = { ...request.raw, Keys: left };
    const report = meter.report(mode);
    if (report !== undefined) capacity.push(report);
  }
  if (processed === 0 && firstThrottle !== undefined) throw firstThrottle;
  const out: Record<string, unknown> = { Responses: responses, UnprocessedKeys: unprocessed };
  if (mode !== "NONE") out.ConsumedCapacity = capacity;
  return out;
}

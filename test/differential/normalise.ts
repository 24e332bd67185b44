/**
 * Makes outcomes comparable: drops what legitimately differs between implementations (capacity,
 * timestamps, ARNs, ids) and puts in a canonical order what AWS leaves unordered (Scan results,
 * BatchGetItem responses, set members, map keys, stream records of different keys). Numbers are
 * compared as returned: DynamoDB's own normalisation of "1.0" to "1" is part of what is checked.
 */
import type { ErrorOutcome, Outcome } from "./driver.ts";
import type { Step } from "./model/operations.ts";
import { findIndex, type TableSchema } from "./model/schema.ts";
import { keyByValue } from "./number-value.ts";

/** JSON-like data with Uint8Array and Date made plain and set members sorted. */
export function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString("base64") };
  if (value instanceof Date) return "<date>";
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const [only] = entries;
  // An AttributeValue set: member order is unspecified by DynamoDB.
  if (
    entries.length === 1 &&
    only !== undefined &&
    ["SS", "NS", "BS"].includes(only[0]) &&
    Array.isArray(only[1])
  ) {
    return { [only[0]]: sortByJson(only[1].map(canonical)) };
  }
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
}

/** Canonical JSON text, the form outcomes are compared in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function sortByJson(values: unknown[]): unknown[] {
  return values
    .map((value) => [JSON.stringify(value), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, value]) => value);
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/**
 * The parts of a table description both implementations must agree on. Dropped on purpose:
 * timestamps, ARNs, stream labels, sizes and counts (AWS refreshes those about every six hours),
 * and TableStatus/IndexStatus: DynamoDB Local answers CreateTable and DeleteTable with "ACTIVE"
 * where the real service says "CREATING"/"DELETING" (seen: DeleteTable on DynamoDB Local 1.25.1
 * returned TableStatus ACTIVE), so neither side's status is evidence of correctness here.
 */
function tableDescription(description: unknown): unknown {
  const d = record(description);
  const byName = (key: string) => (a: unknown, b: unknown) =>
    String(record(a)[key]) < String(record(b)[key]) ? -1 : 1;
  return canonical({
    TableName: d.TableName,
    KeySchema: d.KeySchema,
    AttributeDefinitions: [...((d.AttributeDefinitions as unknown[] | undefined) ?? [])].sort(
      byName("AttributeName"),
    ),
    StreamSpecification: d.StreamSpecification,
    BillingMode: record(d.BillingModeSummary).BillingMode,
    GlobalSecondaryIndexes: [...((d.GlobalSecondaryIndexes as unknown[] | undefined) ?? [])]
      .map((index) => ({
        IndexName: record(index).IndexName,
        KeySchema: record(index).KeySchema,
        Projection: record(index).Projection,
      }))
      .sort(byName("IndexName")),
  });
}

/**
 * Within a GSI query, items with equal index sort keys (or all items, without a sort key) come in
 * an unspecified order; sort inside each run of equal sort keys and keep the runs in order.
 */
function sortTies(items: unknown[], rangeName: string | undefined): unknown[] {
  const runs: unknown[][] = [];
  let lastKey: string | undefined;
  for (const item of items) {
    const key = rangeName === undefined ? "" : JSON.stringify(record(item)[rangeName] ?? null);
    if (runs.length === 0 || key !== lastKey) runs.push([]);
    runs[runs.length - 1]?.push(item);
    lastKey = key;
  }
  return runs.flatMap(sortByJson);
}

/**
 * Reads whose page boundary depends on an order AWS leaves unspecified (Scan order is an internal
 * hash, GSI ties are arbitrary): from the start, only whether more remains and how many items were
 * read are comparable, not which items came. After an ExclusiveStartKey not even that: what lies
 * after the start key depends on the order itself (the simulation's partition hash is not DynamoDB
 * Local's; see partitionHash in src/cloud/table/keys.ts).
 */
function orderDependentPage(output: Record<string, unknown>, input: Record<string, unknown>): unknown {
  if (input.ExclusiveStartKey !== undefined) return { orderDependentPage: true };
  return {
    orderDependentPage: true,
    more: output.LastEvaluatedKey !== undefined,
    ScannedCount: output.ScannedCount,
  };
}

function normaliseRead(step: Step, output: Record<string, unknown>, schema: TableSchema): unknown {
  const items = output.Items as unknown[] | undefined;
  const paged = output.LastEvaluatedKey !== undefined || step.input.ExclusiveStartKey !== undefined;
  if (step.operation === "Scan") {
    if (paged) return orderDependentPage(output, step.input);
    return { ...output, ...(items === undefined ? {} : { Items: sortByJson(items.map(canonical)) }) };
  }
  const index = findIndex(schema, step.input.IndexName);
  if (index === undefined) return canonical(output);
  if (paged) return orderDependentPage(output, step.input);
  const ties = items === undefined ? {} : { Items: sortTies(items.map(canonical), index.range?.name) };
  return { ...output, ...ties };
}

/**
 * Every page of a followPages read, as one: the items of all pages (in order for a table Query;
 * sorted where the order is unspecified, a Scan or a GSI Query), the summed counts and the number
 * of pages. Unlike a single page this does not depend on the order, so Scans compare fully.
 */
function normalisePages(step: Step, output: Record<string, unknown>, schema: TableSchema): unknown {
  const pages = (output.Pages as Record<string, unknown>[] | undefined) ?? [];
  const items = pages.flatMap((page) => ((page.Items as unknown[] | undefined) ?? []).map(canonical));
  const ordered = step.operation === "Query" && findIndex(schema, step.input.IndexName) === undefined;
  const sum = (name: string): number => pages.reduce((total, page) => total + Number(page[name] ?? 0), 0);
  const error = output.error as ErrorOutcome | undefined;
  return canonical({
    pages: pages.length,
    Items: ordered ? items : sortByJson(items),
    Count: sum("Count"),
    ScannedCount: sum("ScannedCount"),
    ...(error === undefined ? {} : { error: errorForm(error) }),
  });
}

function normaliseOutput(step: Step, output: Record<string, unknown>, schema: TableSchema): unknown {
  if (step.followPages === true) return normalisePages(step, output, schema);
  const { ConsumedCapacity: _capacity, ItemCollectionMetrics: _metrics, ...rest } = output;
  switch (step.operation) {
    case "CreateTable":
    case "DeleteTable":
    case "DescribeTable":
      return tableDescription(rest.TableDescription ?? rest.Table);
    case "Scan":
    case "Query":
      return normaliseRead(step, rest, schema);
    case "BatchGetItem": {
      const responses = record(rest.Responses);
      const sorted = Object.fromEntries(
        Object.entries(responses).map(([table, items]) => [
          table,
          sortByJson((items as unknown[]).map(canonical)),
        ]),
      );
      return { ...rest, Responses: sorted };
    }
    default:
      return rest;
  }
}

/**
 * The comparable form of one step's outcome.
 *
 * @example
 * canonicalJson(normaliseOutcome(step, outcome, schema));
 */
export function normaliseOutcome(step: Step, outcome: Outcome, schema: TableSchema): unknown {
  return outcome.ok ? canonical(normaliseOutput(step, outcome.output, schema)) : errorForm(outcome);
}

function errorForm(outcome: ErrorOutcome): unknown {
  return canonical({ error: outcome.errorName, message: outcome.message, fields: outcome.fields });
}

/**
 * Stream records grouped by item (key by value), in order within each item (the only order DynamoDB Streams
 * promises), keeping what a consumer relies on: eventName, Keys, NewImage, OldImage.
 *
 * @example
 * normaliseStreamRecords(await captureStreamRecords(driver, "tbl"));
 */
export function normaliseStreamRecords(outcome: Outcome): unknown {
  if (!outcome.ok) return errorForm(outcome);
  const byKey = new Map<string, unknown[]>();
  for (const raw of (outcome.output.Records as unknown[] | undefined) ?? []) {
    const change = record(record(raw).dynamodb);
    const view = canonical({
      eventName: record(raw).eventName,
      Keys: change.Keys,
      NewImage: change.NewImage,
      OldImage: change.OldImage,
    });
    // Grouped by the item the key names: DynamoDB Local may write one item's key as "1.0" in one
    // record and "1" in the next (the Keys themselves are still compared as returned).
    const key = canonicalJson(keyByValue(change.Keys));
    byKey.set(key, [...(byKey.get(key) ?? []), view]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, records]) => ({ key, records }));
}

/**
 * Reads every stream record of a table through any {@link TableDriver}, using the DynamoDB Streams
 * API (ListStreams, DescribeStream, GetShardIterator, GetRecords), so DynamoDB Local and the
 * simulation are read the same way.
 */
import type { Outcome, TableDriver } from "./driver.ts";

// Enough for any generated case; a bound keeps a misbehaving implementation from looping forever.
const MAX_PAGES_PER_SHARD = 1_000;

type Read<T> = { ok: true; value: T } | { ok: false; outcome: Outcome };

async function call(driver: TableDriver, operation: string, input: Record<string, unknown>) {
  const outcome = await driver.send(operation, input);
  return outcome.ok ? { ok: true as const, value: outcome.output } : { ok: false as const, outcome };
}

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null)
    : [];

async function shardIds(driver: TableDriver, streamArn: string): Promise<Read<string[]>> {
  const ids: string[] = [];
  let start: unknown;
  do {
    const page = await call(driver, "DescribeStream", {
      StreamArn: streamArn,
      ...(start ? { ExclusiveStartShardId: start } : {}),
    });
    if (!page.ok) return page;
    const description = (page.value.StreamDescription ?? {}) as Record<string, unknown>;
    for (const shard of list(description.Shards)) ids.push(String(shard.ShardId));
    start = description.LastEvaluatedShardId;
  } while (typeof start === "string");
  return { ok: true, value: ids };
}

async function shardRecords(
  driver: TableDriver,
  streamArn: string,
  shardId: string,
): Promise<Read<unknown[]>> {
  const iterator = await call(driver, "GetShardIterator", {
    StreamArn: streamArn,
    ShardId: shardId,
    ShardIteratorType: "TRIM_HORIZON",
  });
  if (!iterator.ok) return iterator;
  const records: unknown[] = [];
  let next = iterator.value.ShardIterator;
  // An open shard always hands back a next iterator; the first empty page means we are caught up.
  for (let page = 0; typeof next === "string" && page < MAX_PAGES_PER_SHARD; page += 1) {
    const batch = await call(driver, "GetRecords", { ShardIterator: next });
    if (!batch.ok) return batch;
    const got = list(batch.value.Records);
    if (got.length === 0) break;
    records.push(...got);
    next = batch.value.NextShardIterator;
  }
  return { ok: true, value: records };
}

/**
 * Every stream record of `tableName`, shard by shard in the order DescribeStream lists them, as an
 * outcome (`{ Records: [...] }`), or the first error met while reading.
 *
 * @example
 * const outcome = await captureStreamRecords(driver, "tbl");
 */
export async function captureStreamRecords(driver: TableDriver, tableName: string): Promise<Outcome> {
  const streams = await call(driver, "ListStreams", { TableName: tableName });
  if (!streams.ok) return streams.outcome;
  const records: unknown[] = [];
  for (const stream of list(streams.value.Streams)) {
    const arn = String(stream.StreamArn);
    const shards = await shardIds(driver, arn);
    if (!shards.ok) return shards.outcome;
    for (const shardId of shards.value) {
      const read = await shardRecords(driver, arn, shardId);
      if (!read.ok) return read.outcome;
      records.push(...read.value);
    }
  }
  return { ok: true, output: { Records: records } };
}

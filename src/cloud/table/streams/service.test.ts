import { describe, expect, it } from "vitest";
import type { AwsServiceError } from "../../aws-error.ts";
import { ITERATOR_LIFETIME_MS } from "./iterator.ts";
import { DynamoDbStreamsService } from "./service.ts";
import { RETENTION_MS, StreamStore } from "./store.ts";
import { ManualKernel, stringOf } from "./testing.ts";
import type { StreamRecord } from "./types.ts";

function setup() {
  const kernel = new ManualKernel({ nowMs: Date.UTC(2026, 10, 28, 10, 0, 0) });
  const store = new StreamStore({ kernel });
  const arn = store.enableStream("Orders", "NEW_IMAGE", kernel.nowMs(), [
    { AttributeName: "pk", KeyType: "HASH" },
  ]);
  const service = new DynamoDbStreamsService(store, kernel);
  const put = (pk: string): void =>
    store.onChange({
      tableName: "Orders",
      keys: { pk: { S: pk } },
      newImage: { pk: { S: pk } },
      atMs: kernel.nowMs(),
    });
  const shardId = store.stream(arn)!.shards[0]!.shardId;
  const iterator = (type: string, SequenceNumber?: string): string =>
    service.handle("GetShardIterator", {
      StreamArn: arn,
      ShardId: shardId,
      ShardIteratorType: type,
      ...(SequenceNumber === undefined ? {} : { SequenceNumber }),
    }).ShardIterator as string;
  const read = (ShardIterator: string, Limit?: number) =>
    service.handle("GetRecords", { ShardIterator, ...(Limit === undefined ? {} : { Limit }) }) as {
      Records: StreamRecord[];
      NextShardIterator?: string;
    };
  return { kernel, store, arn, service, put, shardId, iterator, read };
}

function errorOf(action: () => unknown): AwsServiceError {
  try {
    action();
  } catch (error) {
    return error as AwsServiceError;
  }
  throw new Error("expected an AwsServiceError");
}

const ITEM = { pk: { S: "a" } };
const seq = (n: number): string => String(n).padStart(21, "0");
const pks = (records: StreamRecord[]): (string | undefined)[] =>
  records.map((r) => stringOf(r.dynamodb.Keys.pk));

describe("DynamoDbStreamsService", () => {
  it("lists and describes streams in DynamoDB's shapes", () => {
    const { service, arn, shardId, store, kernel } = setup();
    store.enableStream("Other", "KEYS_ONLY", kernel.nowMs(), [{ AttributeName: "id", KeyType: "HASH" }]);
    expect(service.handle("ListStreams", { TableName: "Orders" })).toEqual({
      Streams: [{ StreamArn: arn, TableName: "Orders", StreamLabel: "2026-11-28T10:00:00.000" }],
    });
    const page = service.handle("ListStreams", { Limit: 1 });
    expect(page.LastEvaluatedStreamArn).toBe(arn);
    expect(service.handle("ListStreams", { ExclusiveStartStreamArn: arn }).Streams).toHaveLength(1);
    expect(service.handle("DescribeStream", { StreamArn: arn })).toEqual({
      StreamDescription: {
        StreamArn: arn,
        StreamLabel: "2026-11-28T10:00:00.000",
        StreamStatus: "ENABLED",
        StreamViewType: "NEW_IMAGE",
        CreationRequestDateTime: new Date(Date.UTC(2026, 10, 28, 10, 0, 0)),
        TableName: "Orders",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        Shards: [{ ShardId: shardId, SequenceNumberRange: { StartingSequenceNumber: seq(1) } }],
      },
    });
  });

  it("pages GetRecords by Limit and hands out the next iterator", () => {
    const { put, iterator, read } = setup();
    for (const pk of ["a", "b", "c"]) put(pk);
    const first = read(iterator("TRIM_HORIZON"), 2);
    expect(pks(first.Records)).toEqual(["a", "b"]);
    const second = read(first.NextShardIterator!);
    expect(pks(second.Records)).toEqual(["c"]);
    const empty = read(second.NextShardIterator!);
    expect(empty.Records).toEqual([]);
    put("d");
    expect(pks(read(empty.NextShardIterator!).Records)).toEqual(["d"]);
  });

  it("hands out copies: editing what GetRecords returned changes neither the stream nor the item", () => {
    const { store, arn, kernel, iterator, read } = setup();
    store.onChange({ tableName: "Orders", keys: { pk: { S: "a" } }, newImage: ITEM, atMs: kernel.nowMs() });
    const [record] = read(iterator("TRIM_HORIZON")).Records;
    (record!.dynamodb.NewImage as Record<string, unknown>).pk = { S: "edited" };
    expect(ITEM).toEqual({ pk: { S: "a" } });
    expect(pks(read(iterator("TRIM_HORIZON")).Records)).toEqual(["a"]);
    expect(store.stream(arn)?.shards[0]?.records[0]?.record.dynamodb.NewImage).toBe(ITEM);
  });

  it("stops a GetRecords page at 1 MB, whatever the Limit", () => {
    const { store, kernel, iterator, read } = setup();
    const big = "x".repeat(300 * 1024);
    for (const pk of ["a", "b", "c", "d", "e"]) {
      store.onChange({
        tableName: "Orders",
        keys: { pk: { S: pk } },
        newImage: { pk: { S: pk }, big: { S: big } },
        atMs: kernel.nowMs(),
      });
    }
    const first = read(iterator("TRIM_HORIZON"), 1000);
    expect(pks(first.Records)).toEqual(["a", "b", "c"]);
    expect(pks(read(first.NextShardIterator!).Records)).toEqual(["d", "e"]);
  });

  it("positions iterators at LATEST, AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER", () => {
    const { put, iterator, read } = setup();
    put("a");
    put("b");
    const latest = iterator("LATEST");
    put("c");
    expect(pks(read(latest).Records)).toEqual(["c"]);
    expect(pks(read(iterator("AT_SEQUENCE_NUMBER", seq(2))).Records)).toEqual(["b", "c"]);
    expect(pks(read(iterator("AFTER_SEQUENCE_NUMBER", seq(2))).Records)).toEqual(["c"]);
  });

  it("expires iterators after 15 minutes of virtual time", () => {
    const { kernel, iterator, read } = setup();
    const it15 = iterator("TRIM_HORIZON");
    kernel.advance(ITERATOR_LIFETIME_MS);
    expect(read(it15).Records).toEqual([]);
    kernel.advance(1);
    expect(errorOf(() => read(it15)).code).toBe("ExpiredIteratorException");
  });

  it("reports iterators positioned before the trim point", () => {
    const { kernel, put, iterator, read } = setup();
    put("a");
    kernel.advance(RETENTION_MS - 5 * 60_000);
    put("b");
    const beforeTrim = iterator("TRIM_HORIZON");
    expect(pks(read(beforeTrim).Records)).toEqual(["a", "b"]);
    kernel.advance(5 * 60_000);
    // "a" is now 24 hours old and trimmed; the iterator still points at it.
    expect(errorOf(() => read(beforeTrim)).code).toBe("TrimmedDataAccessException");
    expect(errorOf(() => iterator("AT_SEQUENCE_NUMBER", seq(1))).code).toBe("TrimmedDataAccessException");
    expect(pks(read(iterator("TRIM_HORIZON")).Records)).toEqual(["b"]);
  });

  it("ends a closed shard: no NextShardIterator once it is read to its end", () => {
    const { store, put, iterator, read } = setup();
    put("a");
    store.disableStream("Orders");
    const all = read(iterator("TRIM_HORIZON"));
    expect(pks(all.Records)).toEqual(["a"]);
    expect(all.NextShardIterator).toBeUndefined();
    expect(read(iterator("LATEST")).NextShardIterator).toBeUndefined();
  });

  it("answers malformed calls with DynamoDB Local's errors", () => {
    const { service, arn, shardId, iterator } = setup();
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["GetRecords", { ShardIterator: "garbage" }, "ValidationException", "Invalid ShardIterator"],
      [
        "GetRecords",
        { ShardIterator: iterator("LATEST"), Limit: 1001 },
        "ValidationException",
        "One or more parameter values were invalid: Limit should be less than or equal to 1000",
      ],
      [
        "GetRecords",
        { ShardIterator: iterator("LATEST"), Limit: 0 },
        "ValidationException",
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ],
      [
        "DescribeStream",
        { StreamArn: "nope" },
        "ResourceNotFoundException",
        "Requested resource not found: Stream: nope not found",
      ],
      [
        "GetShardIterator",
        { StreamArn: arn, ShardId: "x", ShardIteratorType: "LATEST" },
        "ResourceNotFoundException",
        "Shard does not exist",
      ],
      [
        "GetShardIterator",
        { StreamArn: `${arn}x`, ShardId: shardId, ShardIteratorType: "LATEST" },
        "ResourceNotFoundException",
        "Stream does not exist",
      ],
      [
        "GetShardIterator",
        { StreamArn: arn, ShardId: shardId, ShardIteratorType: "FOO" },
        "ValidationException",
        "Invalid ShardIteratorType.",
      ],
      [
        "GetShardIterator",
        { StreamArn: arn, ShardId: shardId, ShardIteratorType: "AT_SEQUENCE_NUMBER" },
        "ValidationException",
        "One or more parameter values were invalid: Invalid SequenceNumber",
      ],
      [
        "GetShardIterator",
        { StreamArn: arn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON", SequenceNumber: seq(1) },
        "ValidationException",
        "One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type",
      ],
      [
        "GetShardIterator",
        { StreamArn: arn, ShardId: shardId, ShardIteratorType: "AT_SEQUENCE_NUMBER", SequenceNumber: "1" },
        "ValidationException",
        "1 validation error detected: Value '1' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21",
      ],
      [
        "ListStreams",
        { Limit: 101 },
        "ValidationException",
        "One or more parameter values were invalid: Limit cannot be greater than the maximum allowed size: 100",
      ],
    ];
    for (const [operation, input, code, message] of cases) {
      const error = errorOf(() => service.handle(operation, input));
      expect({ operation, code: error.code, message: error.message }).toEqual({ operation, code, message });
    }
  });

  it("rejects operations it does not simulate, naming them", () => {
    const { service } = setup();
    expect(errorOf(() => service.handle("PutRecord", {})).message).toContain('"PutRecord"');
  });
});

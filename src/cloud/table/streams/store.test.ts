import { describe, expect, it } from "vitest";
import type { ItemChange } from "../change.ts";
import type { Item } from "../values.ts";
import { RETENTION_MS, StreamStore } from "./store.ts";
import { ManualKernel, stringOf } from "./testing.ts";
import type { KeySchemaElement, StreamViewType } from "./types.ts";

const KEYS: KeySchemaElement[] = [
  { AttributeName: "pk", KeyType: "HASH" },
  { AttributeName: "sk", KeyType: "RANGE" },
];

function setup(viewType: StreamViewType = "NEW_AND_OLD_IMAGES", shardCount = 1) {
  const kernel = new ManualKernel({ nowMs: Date.UTC(2026, 10, 28, 10, 26, 16, 649) });
  const store = new StreamStore({ kernel, shardCount });
  const arn = store.enableStream("Orders", viewType, kernel.nowMs(), KEYS);
  const change = (keys: Item, oldImage?: Item, newImage?: Item, extra: Partial<ItemChange> = {}): void =>
    store.onChange({
      tableName: "Orders",
      keys,
      atMs: kernel.nowMs(),
      ...(oldImage === undefined ? {} : { oldImage }),
      ...(newImage === undefined ? {} : { newImage }),
      ...extra,
    });
  const shardId = store.stream(arn)!.shards[0]!.shardId;
  return { kernel, store, arn, change, shardId };
}

const key = { pk: { S: "a" }, sk: { N: "1" } };
const v1 = { ...key, v: { S: "x" } };
const v2 = { ...key, v: { S: "yy" } };

describe("StreamStore", () => {
  it("names the stream and its shard as DynamoDB does", () => {
    const { arn, shardId } = setup();
    expect(arn).toBe("arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026-11-28T10:26:16.649");
    expect(shardId).toMatch(/^shardId-00000001795861576649-[0-9a-f]{8}$/);
  });

  it("writes INSERT, MODIFY and REMOVE records with DynamoDB Local's sizes and sequence numbers", () => {
    const { store, arn, change, shardId } = setup();
    change(key, undefined, v1);
    change(key, v1, v2);
    change(key, v2, undefined);
    const records = store.readShard(arn, shardId, undefined, 10).records.map((s) => s.record);
    expect(records.map((r) => r.eventName)).toEqual(["INSERT", "MODIFY", "REMOVE"]);
    expect(records.map((r) => r.dynamodb.SizeBytes)).toEqual([16, 26, 17]);
    expect(records.map((r) => r.dynamodb.SequenceNumber)).toEqual([
      "000000000000000000001",
      "000000000000000000002",
      "000000000000000000003",
    ]);
    expect(records[1]).toMatchObject({
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: "us-east-1",
      dynamodb: { Keys: key, NewImage: v2, OldImage: v1, StreamViewType: "NEW_AND_OLD_IMAGES" },
    });
    expect(records[1]!.dynamodb.ApproximateCreationDateTime.toISOString()).toBe("2026-11-28T10:26:16.000Z");
    expect(records[0]!.dynamodb.OldImage).toBeUndefined();
    expect(records[2]!.dynamodb.NewImage).toBeUndefined();
    expect(records[0]!.userIdentity).toBeUndefined();
  });

  it.each([
    ["KEYS_ONLY", 7, false, false],
    ["NEW_IMAGE", 17, true, false],
    ["OLD_IMAGE", 16, false, true],
  ] as const)("carries only what %s asks for", (viewType, size, hasNew, hasOld) => {
    const { store, arn, change, shardId } = setup(viewType);
    change(key, v1, v2);
    const { dynamodb } = store.readShard(arn, shardId, undefined, 10).records[0]!.record;
    expect(dynamodb.SizeBytes).toBe(size);
    expect(dynamodb.NewImage !== undefined).toBe(hasNew);
    expect(dynamodb.OldImage !== undefined).toBe(hasOld);
  });

  it("marks TTL deletions with the service identity and keeps the causing span beside the record", () => {
    const { store, arn, change, shardId } = setup();
    change(key, v1, undefined, { removedByService: true, causeSpanId: "span-7" });
    const [stored] = store.readShard(arn, shardId, undefined, 10).records;
    expect(stored!.record.userIdentity).toEqual({ PrincipalId: "dynamodb.amazonaws.com", Type: "Service" });
    expect(stored!.causeSpanId).toBe("span-7");
    expect(JSON.stringify(stored!.record)).not.toContain("span-7");
  });

  it("shares the engine's item versions rather than copying them: each version is kept once", () => {
    // The engine never changes an item it stored (an update writes a new one), so a day of
    // records can point at the versions; GetRecords and Lambda's events hand out copies.
    const { store, arn, change, shardId } = setup();
    change(key, undefined, v1);
    change(key, v1, v2);
    const [insert, modify] = store.readShard(arn, shardId, undefined, 2).records.map((s) => s.record);
    expect(insert!.dynamodb.NewImage).toBe(v1);
    expect(modify!.dynamodb.OldImage).toBe(insert!.dynamodb.NewImage);
    expect(modify!.dynamodb.NewImage).toBe(v2);
  });

  it("adopts the ARN the engine chose, and refuses a second enabled stream on a table", () => {
    const { kernel, store } = setup();
    const given = "arn:aws:dynamodb:eu-west-1:111122223333:table/Items/stream/2026-11-28T10:26:16.649";
    expect(store.enableStream("Items", "KEYS_ONLY", kernel.nowMs(), KEYS, given)).toBe(given);
    expect(store.stream(given)?.streamLabel).toBe("2026-11-28T10:26:16.649");
    expect(() => store.enableStream("Items", "KEYS_ONLY", kernel.nowMs(), KEYS)).toThrow(
      expect.objectContaining({
        code: "ValidationException",
        message: "Table already has an enabled stream",
      }),
    );
  });

  it("ignores tables without an enabled stream", () => {
    const { store, arn, shardId } = setup();
    store.onChange({ tableName: "Other", keys: key, newImage: v1, atMs: 0 });
    expect(store.readShard(arn, shardId, undefined, 10).records).toHaveLength(0);
  });

  it("keeps every key on one shard, in order, and spreads keys over the shards", () => {
    const { store, arn, change } = setup("KEYS_ONLY", 4);
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 40; k++)
        change({ pk: { S: `k${k}` }, sk: { N: String(round) } }, undefined, undefined);
    }
    const shards = store.stream(arn)!.shards;
    const used = new Set<string>();
    for (let k = 0; k < 40; k++) {
      const holding = shards.filter((s) =>
        s.records.some((r) => stringOf(r.record.dynamodb.Keys.pk) === `k${k}`),
      );
      expect(holding).toHaveLength(1);
      used.add(holding[0]!.shardId);
      const rounds = holding[0]!.records.filter((r) => stringOf(r.record.dynamodb.Keys.pk) === `k${k}`);
      expect(rounds.map((r) => r.record.dynamodb.Keys.sk)).toEqual([{ N: "0" }, { N: "1" }, { N: "2" }]);
    }
    expect(used.size).toBe(4);
  });

  it("trims records after 24 hours and reports reads from before the trim point", () => {
    const { kernel, store, arn, change, shardId } = setup();
    change(key, undefined, v1);
    kernel.advance(RETENTION_MS / 2);
    change(key, v1, v2);
    kernel.advance(RETENTION_MS / 2);
    const retained = store.readShard(arn, shardId, undefined, 10).records;
    expect(retained.map((s) => s.sequence)).toEqual([2]);
    expect(() => store.readShard(arn, shardId, "000000000000000000000", 10)).toThrow(
      expect.objectContaining({ code: "TrimmedDataAccessException" }),
    );
    expect(store.readShard(arn, shardId, "000000000000000000001", 10).records).toHaveLength(1);
  });

  it("keeps a day of records on a busy stream, dropping older ones in batches but never showing them", () => {
    const { kernel, store, arn, change, shardId } = setup();
    const everyMs = RETENTION_MS / 3000; // 3,000 writes a day, for two days
    for (let i = 0; i < 6000; i++) {
      change(key, undefined, { ...key, v: { N: String(i) } });
      kernel.advance(everyMs);
      const shard = store.stream(arn)!.shards[0]!;
      // Trimmed records wait in the array for a batch, never more than an eighth of it.
      expect(shard.records.length).toBeLessThanOrEqual(Math.max(3000 + 1024, (3000 * 8) / 7) + 1);
    }
    // Written at 0, 1, … 5999 ticks, read at 6000: a record of tick 3000 or before is a day old.
    const live = store.readShard(arn, shardId, undefined, 10_000).records;
    expect(live.map((s) => s.sequence)).toEqual(Array.from({ length: 2999 }, (_, i) => 3002 + i));
    expect(() => store.readShard(arn, shardId, "000000000000000003000", 1)).toThrow(
      expect.objectContaining({ code: "TrimmedDataAccessException" }),
    );
    expect(store.readShard(arn, shardId, "000000000000000003001", 1).records[0]?.sequence).toBe(3002);
    // A trim of one record leaves the array where it is, rather than copying the day behind it.
    const before = store.stream(arn)!.shards[0]!.records;
    kernel.advance(everyMs);
    expect(store.stream(arn)!.shards[0]!.records).toBe(before);
    expect(store.readShard(arn, shardId, undefined, 1).records[0]?.sequence).toBe(3003);
  });

  it("closes shards when the stream is disabled and forgets the stream and its records 24 hours later", () => {
    const { kernel, store, arn, change } = setup();
    change(key, undefined, v1);
    store.disableStream("Orders");
    change(key, v1, v2);
    const stream = store.stream(arn)!;
    expect(stream.status).toBe("DISABLED");
    expect(stream.shards[0]!.endingSequence).toBe(1);
    expect(stream.shards[0]!.records).toHaveLength(1);
    const second = store.enableStream("Orders", "KEYS_ONLY", kernel.nowMs(), KEYS);
    expect(second).not.toBe(arn);
    kernel.advance(RETENTION_MS + 1);
    // Dropped at the next record, not just hidden: a long run that deletes tables does not keep
    // their records.
    change(key, undefined, v1);
    expect(stream.shards[0]!.records).toEqual([]);
    expect(store.streams().map((s) => s.streamArn)).toEqual([second]);
    expect(store.stream(arn)).toBeUndefined();
  });

  it("tells subscribers about each new record", () => {
    const { store, change } = setup();
    const seen: string[] = [];
    const stop = store.subscribe((stored) => seen.push(stored.record.eventName));
    change(key, undefined, v1);
    stop();
    change(key, v1, v2);
    expect(seen).toEqual(["INSERT"]);
  });
});

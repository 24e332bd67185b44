import { describe, expect, it } from "vitest";
import type { ItemChange } from "../change.ts";
import type { Item } from "../values.ts";
import { StreamStore } from "./store.ts";
import { ManualKernel } from "./testing.ts";
import type { KeySchemaElement, StreamRecord, StreamViewType } from "./types.ts";

const KEYS: KeySchemaElement[] = [
  { AttributeName: "pk", KeyType: "HASH" },
  { AttributeName: "sk", KeyType: "RANGE" },
];
const AT_MS = Date.UTC(2026, 10, 28, 10, 26, 16, 649);

function setup(viewType: StreamViewType = "NEW_AND_OLD_IMAGES", keySchema = KEYS) {
  const kernel = new ManualKernel({ nowMs: AT_MS });
  const store = new StreamStore({ kernel });
  const arn = store.enableStream("Orders", viewType, kernel.nowMs(), keySchema);
  const write = (change: Omit<ItemChange, "tableName" | "atMs">) =>
    store.onChange({ tableName: "Orders", atMs: kernel.nowMs(), ...change });
  const read = () => {
    const shardId = store.stream(arn)!.shards[0]!.shardId;
    return store.readShard(arn, shardId, undefined, 100).records;
  };
  return { store, arn, write, read };
}

const keys = { pk: { S: "a" }, sk: { N: "1" } };
const v1: Item = { pk: { S: "a" }, sk: { N: "1" }, v: { S: "x" } };
const v2: Item = { pk: { S: "a" }, sk: { N: "1" }, v: { S: "yy" }, b: { B: new Uint8Array([1, 2]) } };

/** The record a stream keeps for a change, written out in full (what buildRecord made before). */
function expected(
  sequence: number,
  eventName: StreamRecord["eventName"],
  parts: { Keys: Item; NewImage?: Item; OldImage?: Item; SizeBytes: number; viewType?: StreamViewType },
  service = false,
) {
  return {
    eventID: expect.stringMatching(/^[0-9a-f-]{36}$/),
    eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "us-east-1",
    dynamodb: {
      ApproximateCreationDateTime: new Date(Math.floor(AT_MS / 1000) * 1000),
      Keys: parts.Keys,
      ...(parts.NewImage === undefined ? {} : { NewImage: parts.NewImage }),
      ...(parts.OldImage === undefined ? {} : { OldImage: parts.OldImage }),
      SequenceNumber: String(sequence).padStart(21, "0"),
      SizeBytes: parts.SizeBytes,
      StreamViewType: parts.viewType ?? "NEW_AND_OLD_IMAGES",
    },
    ...(service ? { userIdentity: { PrincipalId: "dynamodb.amazonaws.com", Type: "Service" } } : {}),
  };
}

describe("ShardRecord", () => {
  it("reads back the full AWS record of INSERT, MODIFY and a TTL REMOVE, key order and all", () => {
    const { write, read } = setup();
    write({ keys, newImage: v1 });
    write({ keys, oldImage: v1, newImage: v2 });
    write({ keys, oldImage: v2, removedByService: true, causeSpanId: "span-1" });
    const records = read();
    expect(records.map((r) => r.record)).toStrictEqual([
      expected(1, "INSERT", { Keys: keys, NewImage: v1, SizeBytes: 16 }),
      expected(2, "MODIFY", { Keys: keys, NewImage: v2, OldImage: v1, SizeBytes: 29 }),
      expected(3, "REMOVE", { Keys: keys, OldImage: v2, SizeBytes: 20 }, true),
    ]);
    for (const r of records) expect(Object.keys(r.record.dynamodb.Keys)).toEqual(["pk", "sk"]);
    expect(records.map((r) => r.causeSpanId)).toEqual([undefined, undefined, "span-1"]);
    expect(records.map((r) => "causeSpanId" in r)).toEqual([false, false, true]);
    expect(records.map((r) => [r.sequence, r.atMs])).toEqual([
      [1, AT_MS],
      [2, AT_MS],
      [3, AT_MS],
    ]);
  });

  it("keeps the change's own Keys when they are not the image's key attributes as they stand", () => {
    const { write, read } = setup();
    const reordered = { sk: { N: "1" }, pk: { S: "a" } };
    write({ keys: reordered, newImage: v1 });
    const spelled = { pk: { S: "a" }, sk: { N: "1.0" } };
    write({ keys: spelled, oldImage: v1, newImage: v1 });
    const [first, second] = read().map((r) => r.record.dynamodb.Keys);
    expect(Object.keys(first!)).toEqual(["sk", "pk"]);
    expect(first).toBe(reordered);
    expect(second).toBe(spelled);
  });

  it("builds Keys from the image as copies, so no part of a record aliases another", () => {
    const { write, read } = setup("NEW_IMAGE", [{ AttributeName: "b", KeyType: "HASH" }]);
    const image: Item = { b: { B: new Uint8Array([7]) }, n: { N: "1" } };
    write({ keys: { b: { B: new Uint8Array([7]) } }, newImage: image });
    const [stored] = read();
    const { Keys, NewImage } = stored!.record.dynamodb;
    expect(Keys).toEqual({ b: { B: new Uint8Array([7]) } });
    expect(NewImage).toBe(image);
    expect(Keys.b).not.toBe(image.b);
    expect((Keys.b as { B: Uint8Array }).B).not.toBe((image.b as { B: Uint8Array }).B);
  });

  it("carries Keys alone for KEYS_ONLY, and a fresh, equal record on every read", () => {
    const { write, read } = setup("KEYS_ONLY");
    write({ keys, oldImage: v1, newImage: v2 });
    const [stored] = read();
    expect(stored!.record).toStrictEqual(
      expected(1, "MODIFY", { Keys: keys, SizeBytes: 7, viewType: "KEYS_ONLY" }),
    );
    expect(stored!.record).not.toBe(stored!.record);
    expect(stored!.record).toStrictEqual(stored!.record);
    expect(stored!.record.dynamodb.Keys).toBe(keys);
  });

  it("serialises as the StoredStreamRecord fields", () => {
    const { arn, write, read } = setup();
    write({ keys, newImage: v1, causeSpanId: "span-9" });
    const [stored] = read();
    const json = JSON.parse(JSON.stringify(stored));
    expect(Object.keys(json)).toEqual(["record", "sequence", "atMs", "shardId", "streamArn", "causeSpanId"]);
    expect(json).toMatchObject({ sequence: 1, atMs: AT_MS, streamArn: arn, causeSpanId: "span-9" });
    expect(json.shardId).toBe(stored!.shardId);
    expect(json.record.eventID).toBe(stored!.record.eventID);
  });
});

import { describe, expect, it } from "vitest";
import { SimulatedDynamoDb } from "./simulated-dynamodb.ts";
import { ManualKernel } from "./streams/testing.ts";
import { key, tableInput } from "./testing/fixtures.ts";
import type { Item } from "./values.ts";

const HOUR = 60 * 60 * 1000;

/** A simulated DynamoDB with a streamed, TTL-enabled table `Tbl`: `pk` (S) + `sk` (N), or `pk` alone. */
function world(withSortKey: boolean) {
  const kernel = new ManualKernel({ nowMs: Date.UTC(2026, 0, 1) });
  const dynamodb = new SimulatedDynamoDb(kernel, { ttlDeletionDelay: { minMs: HOUR, maxMs: HOUR } });
  const call = (operation: string, input: Record<string, unknown>) =>
    dynamodb.service.handle(operation, input);
  const input = tableInput("Tbl");
  call("CreateTable", {
    ...input,
    ...(withSortKey
      ? {}
      : {
          AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        }),
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
  });
  call("UpdateTimeToLive", {
    TableName: "Tbl",
    TimeToLiveSpecification: { Enabled: true, AttributeName: "exp" },
  });
  const expSeconds = (offsetMs: number) => ({ N: String(Math.floor((kernel.nowMs() + offsetMs) / 1000)) });
  const put = (item: Item) => call("PutItem", { TableName: "Tbl", Item: item });
  const removals = () =>
    dynamodb
      .streamRecords("Tbl")
      .map((s) => s.record)
      .filter((r) => r.eventName === "REMOVE");
  return { kernel, dynamodb, call, put, expSeconds, removals };
}

describe("TTL through the engine", () => {
  it("tells apart items that share a partition key, and removes each with exactly its key", () => {
    const { kernel, dynamodb, put, expSeconds, removals } = world(true);
    put({ ...key("a", 1), exp: expSeconds(-1000) });
    put({ ...key("a", 2), exp: expSeconds(-1000), note: { S: "x" } });
    put({ ...key("a", 3), exp: expSeconds(10 * HOUR) });
    expect(dynamodb.ttl.pendingCount("Tbl")).toBe(3);
    kernel.advance(HOUR + 1000);
    expect(dynamodb.scan("Tbl").map((i) => i.sk)).toEqual([{ N: "3" }]);
    const removed = removals();
    expect(removed.map((r) => r.dynamodb.Keys)).toEqual([key("a", 1), key("a", 2)]);
    expect(removed.map((r) => Object.keys(r.dynamodb.Keys))).toEqual([
      ["pk", "sk"],
      ["pk", "sk"],
    ]);
    expect(removed.every((r) => r.userIdentity?.Type === "Service")).toBe(true);
    expect(dynamodb.ttl.pendingCount("Tbl")).toBe(1);
  });

  it("deletes the version last written when a write keeps the expiry time", () => {
    const { kernel, dynamodb, call, put, expSeconds, removals } = world(false);
    const exp = expSeconds(-1000);
    put({ pk: { S: "a" }, exp, v: { N: "1" } });
    put({ pk: { S: "b" }, exp: expSeconds(5 * HOUR) });
    kernel.advance(HOUR / 2);
    call("UpdateItem", {
      TableName: "Tbl",
      Key: { pk: { S: "a" } },
      UpdateExpression: "SET v = :v",
      ExpressionAttributeValues: { ":v": { N: "2" } },
    });
    kernel.advance(HOUR / 2 + 1000);
    expect(dynamodb.scan("Tbl").map((i) => i.pk)).toEqual([{ S: "b" }]);
    const [removed] = removals();
    expect(removed?.dynamodb.Keys).toEqual({ pk: { S: "a" } });
    expect(removed?.dynamodb.OldImage).toEqual({ pk: { S: "a" }, exp, v: { N: "2" } });
    kernel.advance(6 * HOUR);
    expect(dynamodb.scan("Tbl")).toEqual([]);
    expect(dynamodb.ttl.pendingCount("Tbl")).toBe(0);
  });
});

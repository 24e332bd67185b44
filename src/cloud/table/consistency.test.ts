import { describe, expect, it } from "vitest";
import { item, key, testService } from "./testing/fixtures.ts";

const T = "Tbl";

describe("eventually consistent reads", () => {
  it("always see the latest state when no lag is configured, without drawing choices", () => {
    const { call, kernel } = testService();
    call("PutItem", { TableName: T, Item: item("a", 1) });
    expect(call("GetItem", { TableName: T, Key: key("a", 1) }).Item).toEqual(item("a", 1));
    expect(kernel.draws).toHaveLength(0);
  });

  it("may see a state up to the lag old, and never older; consistent reads see the latest", () => {
    const { call, kernel } = testService({ eventualReadLagMs: 100 });
    call("PutItem", { TableName: T, Item: item("a", 1, { v: { N: "1" } }) });
    kernel.advance(1000);
    call("PutItem", { TableName: T, Item: item("a", 1, { v: { N: "2" } }) });
    // Half way through the lag window: a read sees the new value when it is at most 50 ms stale.
    kernel.advance(50);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const got = call("GetItem", { TableName: T, Key: key("a", 1) }).Item as Record<string, { N: string }>;
      seen.add(got.v!.N);
      expect(call("GetItem", { TableName: T, Key: key("a", 1), ConsistentRead: true }).Item).toEqual(
        item("a", 1, { v: { N: "2" } }),
      );
    }
    expect([...seen].sort()).toEqual(["1", "2"]);
    kernel.advance(51);
    for (let i = 0; i < 20; i++) {
      expect(call("GetItem", { TableName: T, Key: key("a", 1) }).Item).toEqual(
        item("a", 1, { v: { N: "2" } }),
      );
    }
    expect(kernel.draws.every((d) => d.label === "dynamodb.Tbl.readStalenessMs")).toBe(true);
  });

  it("rebuild queries and scans from the older state, deletes included", () => {
    const { call, kernel } = testService({ eventualReadLagMs: 50 });
    call("PutItem", { TableName: T, Item: item("a", 1) });
    kernel.advance(1000);
    call("DeleteItem", { TableName: T, Key: key("a", 1) });
    call("PutItem", { TableName: T, Item: item("a", 2) });
    kernel.advance(25);
    const counts = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const out = call("Query", {
        TableName: T,
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": { S: "a" } },
      });
      counts.add(JSON.stringify(out.Items));
    }
    expect([...counts].sort()).toEqual(
      [JSON.stringify([item("a", 1)]), JSON.stringify([item("a", 2)])].sort(),
    );
  });
});

describe("eventually consistent index reads", () => {
  it("see the index as it was, rebuilt from the older table state", () => {
    const { call, kernel } = testService({
      eventualReadLagMs: 100,
      table: {
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "N" },
          { AttributeName: "state", AttributeType: "S" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: "byState",
            KeySchema: [{ AttributeName: "state", KeyType: "HASH" }],
            Projection: { ProjectionType: "KEYS_ONLY" },
          },
        ],
      },
    });
    call("PutItem", { TableName: T, Item: item("a", 1, { state: { S: "open" } }) });
    kernel.advance(1000);
    call("PutItem", { TableName: T, Item: item("a", 1, { state: { S: "closed" } }) });
    kernel.advance(50);
    const counts = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const out = call("Query", {
        TableName: T,
        IndexName: "byState",
        KeyConditionExpression: "#s = :s",
        ExpressionAttributeNames: { "#s": "state" },
        ExpressionAttributeValues: { ":s": { S: "open" } },
      });
      counts.add(out.Count as number);
    }
    expect([...counts].sort()).toEqual([0, 1]);
  });
});

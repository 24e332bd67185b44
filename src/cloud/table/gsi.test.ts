import { describe, expect, it } from "vitest";
import { item, key, ScriptedMeter, testService } from "./testing/fixtures.ts";

const T = "Tbl";

function withIndexes(options: { capacity?: ScriptedMeter } = {}) {
  return testService({
    ...options,
    table: {
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
        { AttributeName: "status", AttributeType: "S" },
        { AttributeName: "at", AttributeType: "N" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "byStatus",
          KeySchema: [
            { AttributeName: "status", KeyType: "HASH" },
            { AttributeName: "at", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["total"] },
        },
        {
          IndexName: "statusKeys",
          KeySchema: [{ AttributeName: "status", KeyType: "HASH" }],
          Projection: { ProjectionType: "KEYS_ONLY" },
        },
        {
          IndexName: "statusAll",
          KeySchema: [{ AttributeName: "status", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    },
  });
}

const order = (pk: string, at: number, status?: string) =>
  item(pk, 1, {
    at: { N: String(at) },
    total: { N: "5" },
    note: { S: "n" },
    ...(status === undefined ? {} : { status: { S: status } }),
  });
const byStatus = (status: string, extra: Record<string, unknown> = {}) => ({
  TableName: T,
  IndexName: "byStatus",
  KeyConditionExpression: "#s = :s",
  ExpressionAttributeNames: { "#s": "status" },
  ExpressionAttributeValues: { ":s": { S: status } },
  ...extra,
});

describe("global secondary indexes", () => {
  it("hold the projection of items that have the index key, ordered by the index sort key", () => {
    const { call } = withIndexes();
    call("PutItem", { TableName: T, Item: order("o1", 30, "open") });
    call("PutItem", { TableName: T, Item: order("o2", 10, "open") });
    call("PutItem", { TableName: T, Item: order("o3", 20) });
    const out = call("Query", byStatus("open"));
    expect(out.Items).toEqual([
      { pk: { S: "o2" }, sk: { N: "1" }, status: { S: "open" }, at: { N: "10" }, total: { N: "5" } },
      { pk: { S: "o1" }, sk: { N: "1" }, status: { S: "open" }, at: { N: "30" }, total: { N: "5" } },
    ]);
    const keysOnly = call("Scan", { TableName: T, IndexName: "statusKeys" }).Items as Record<
      string,
      unknown
    >[];
    expect(keysOnly.map((i) => Object.keys(i).sort())).toEqual([
      ["pk", "sk", "status"],
      ["pk", "sk", "status"],
    ]);
    const all = call("Query", { ...byStatus("open"), IndexName: "statusAll", Limit: 1 }).Items as Record<
      string,
      unknown
    >[];
    expect(all[0]?.note).toEqual({ S: "n" });
  });

  it("move items between index partitions and drop them when the key goes", () => {
    const { call } = withIndexes();
    call("PutItem", { TableName: T, Item: order("o1", 30, "open") });
    call("UpdateItem", {
      TableName: T,
      Key: key("o1", 1),
      UpdateExpression: "SET #s = :c",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":c": { S: "closed" } },
    });
    expect(call("Query", byStatus("open")).Count).toBe(0);
    expect(call("Query", byStatus("closed")).Count).toBe(1);
    call("UpdateItem", {
      TableName: T,
      Key: key("o1", 1),
      UpdateExpression: "REMOVE #s",
      ExpressionAttributeNames: { "#s": "status" },
    });
    expect(call("Query", byStatus("closed")).Count).toBe(0);
    call("PutItem", { TableName: T, Item: order("o2", 5, "open") });
    call("DeleteItem", { TableName: T, Key: key("o2", 1) });
    expect(call("Scan", { TableName: T, IndexName: "byStatus" }).Count).toBe(0);
  });

  it("answer DynamoDB's errors for index reads and index key types", () => {
    const { call, fail } = withIndexes();
    call("PutItem", { TableName: T, Item: order("o1", 30, "open") });
    expect(fail("Query", byStatus("open", { ConsistentRead: true })).message).toBe(
      "Consistent read cannot be true when querying a GSI",
    );
    expect(fail("Scan", { TableName: T, IndexName: "byStatus", ConsistentRead: true }).message).toBe(
      "Consistent read cannot be true when scanning a GSI",
    );
    expect(fail("Query", byStatus("open", { IndexName: "nope" })).message).toBe(
      "The table does not have the specified index: nope",
    );
    expect(fail("Query", byStatus("open", { Select: "ALL_ATTRIBUTES" })).message).toBe(
      "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus because its projection type is not ALL",
    );
    expect(fail("Query", byStatus("open", { ProjectionExpression: "note" })).message).toBe(
      "One or more parameter values were invalid: Global secondary index byStatus does not project [note]",
    );
    expect(fail("PutItem", { TableName: T, Item: item("o9", 1, { status: { N: "1" } }) }).message).toBe(
      "One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus",
    );
    const lastKey = call("Query", byStatus("open", { Limit: 1 })).LastEvaluatedKey;
    expect(lastKey).toEqual({ status: { S: "open" }, at: { N: "30" }, pk: { S: "o1" }, sk: { N: "1" } });
  });

  it("charge index write units as DynamoDB does", () => {
    const meter = new ScriptedMeter();
    const { call } = withIndexes({ capacity: meter });
    call("PutItem", { TableName: T, Item: order("o1", 30, "open") });
    expect(meter.calls.map((c) => c.indexName ?? "table")).toEqual([
      "table",
      "byStatus",
      "statusKeys",
      "statusAll",
    ]);
    meter.calls.length = 0;
    // Only "note" changes: projected by statusAll alone.
    call("UpdateItem", {
      TableName: T,
      Key: key("o1", 1),
      UpdateExpression: "SET note = :n",
      ExpressionAttributeValues: { ":n": { S: "m" } },
    });
    expect(meter.calls.map((c) => c.indexName ?? "table")).toEqual(["table", "statusAll"]);
    meter.calls.length = 0;
    // The index key changes: a delete and a put in every index.
    call("UpdateItem", {
      TableName: T,
      Key: key("o1", 1),
      UpdateExpression: "SET #s = :c",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":c": { S: "closed" } },
    });
    expect(meter.calls.map((c) => [c.indexName ?? "table", c.units])).toEqual([
      ["table", 1],
      ["byStatus", 2],
      ["statusKeys", 2],
      ["statusAll", 2],
    ]);
  });
});

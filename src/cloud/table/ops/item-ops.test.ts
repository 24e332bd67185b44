import { describe, expect, it } from "vitest";
import { item, key, testService } from "../testing/fixtures.ts";

describe("PutItem / GetItem / DeleteItem", () => {
  it("stores items with numbers normalised and returns copies", () => {
    const { call } = testService();
    const input = item("a", 1, { n: { N: "01.50" }, s: { SS: ["b", "a"] } });
    call("PutItem", { TableName: "Tbl", Item: input });
    (input.n as { N: string }).N = "99";
    const got = call("GetItem", { TableName: "Tbl", Key: key("a", 1) }).Item;
    expect(got).toEqual(item("a", 1, { n: { N: "1.5" }, s: { SS: ["a", "b"] } }));
    ((got as Record<string, { N: string }>).n as { N: string }).N = "7";
    expect(call("GetItem", { TableName: "Tbl", Key: key("a", 1), ConsistentRead: true }).Item).toEqual(
      item("a", 1, { n: { N: "1.5" }, s: { SS: ["a", "b"] } }),
    );
  });

  it("reports one change per actual change, none for no-op writes", () => {
    const { call, changes, kernel } = testService();
    kernel.spanId = "span-1";
    call("PutItem", { TableName: "Tbl", Item: item("a", 1, { v: { N: "1" } }) });
    call("PutItem", { TableName: "Tbl", Item: item("a", 1, { v: { N: "1.0" } }) });
    call("DeleteItem", { TableName: "Tbl", Key: key("zz", 1) });
    call("UpdateItem", {
      TableName: "Tbl",
      Key: key("a", 1),
      UpdateExpression: "SET v = :v",
      ExpressionAttributeValues: { ":v": { N: "1" } },
    });
    call("UpdateItem", {
      TableName: "Tbl",
      Key: key("a", 1),
      UpdateExpression: "SET v = :v",
      ExpressionAttributeValues: { ":v": { N: "2" } },
    });
    call("DeleteItem", { TableName: "Tbl", Key: key("a", 1) });
    expect(changes.map((c) => [c.oldImage?.v, c.newImage?.v])).toEqual([
      [undefined, { N: "1" }],
      [{ N: "1" }, { N: "2" }],
      [{ N: "2" }, undefined],
    ]);
    expect(changes[0]).toMatchObject({
      tableName: "Tbl",
      keys: key("a", 1),
      atMs: kernel.nowMs(),
      causeSpanId: "span-1",
    });
  });

  it("returns old values and fails conditions as DynamoDB does", () => {
    const { call, fail } = testService();
    expect(call("PutItem", { TableName: "Tbl", Item: item("a", 1), ReturnValues: "ALL_OLD" })).toEqual({});
    expect(
      call("PutItem", { TableName: "Tbl", Item: item("a", 1, { x: { S: "y" } }), ReturnValues: "ALL_OLD" }),
    ).toEqual({
      Attributes: item("a", 1),
    });
    const failed = fail("PutItem", {
      TableName: "Tbl",
      Item: item("a", 1),
      ConditionExpression: "attribute_not_exists(pk)",
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
    expect([failed.code, failed.message]).toEqual([
      "ConditionalCheckFailedException",
      "The conditional request failed",
    ]);
    expect(failed.fields.Item).toEqual(item("a", 1, { x: { S: "y" } }));
    expect(fail("PutItem", { TableName: "Tbl", Item: item("a", 1), ReturnValues: "ALL_NEW" }).message).toBe(
      "Return values set to invalid value",
    );
    expect(call("DeleteItem", { TableName: "Tbl", Key: key("a", 1), ReturnValues: "ALL_OLD" })).toEqual({
      Attributes: item("a", 1, { x: { S: "y" } }),
    });
    expect(call("GetItem", { TableName: "Tbl", Key: key("a", 1) })).toEqual({});
  });

  it("checks keys with the real service's messages", () => {
    const { fail } = testService();
    expect(fail("PutItem", { TableName: "Tbl", Item: { pk: { S: "a" } } }).message).toBe(
      "One or more parameter values were invalid: Missing the key sk in the item",
    );
    expect(fail("PutItem", { TableName: "Tbl", Item: { pk: { N: "1" }, sk: { N: "1" } } }).message).toBe(
      "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
    );
    expect(fail("PutItem", { TableName: "Tbl", Item: item("", 1) }).message).toBe(
      "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
    );
    expect(fail("GetItem", { TableName: "Tbl", Key: { pk: { S: "a" } } }).message).toBe(
      "The provided key element does not match the schema",
    );
    expect(fail("GetItem", { TableName: "Tbl", Key: { ...key("a", 1), x: { S: "1" } } }).message).toBe(
      "The provided key element does not match the schema",
    );
    expect(fail("GetItem", { TableName: "Tbl" }).message).toBe(
      "Cannot have null key for GetItem, DeleteItem, or UpdateItem",
    );
    expect(fail("PutItem", { TableName: "Tbl" }).message).toBe("Item to put in PutItem cannot be null");
  });

  it("enforces the 400 KB item size limit", () => {
    const { call, fail } = testService();
    const big = "x".repeat(400 * 1024 - 100);
    call("PutItem", { TableName: "Tbl", Item: item("a", 1, { b: { S: big } }) });
    expect(
      fail("PutItem", { TableName: "Tbl", Item: item("a", 1, { b: { S: `${big}${"y".repeat(200)}` } }) })
        .message,
    ).toBe("Item size has exceeded the maximum allowed size");
  });

  it("rejects legacy parameters by name instead of approximating them", () => {
    const { fail } = testService();
    const error = fail("PutItem", {
      TableName: "Tbl",
      Item: item("a", 1),
      Expected: { pk: { Exists: false } },
    });
    expect(error.code).toBe("ValidationException");
    expect(error.message).toContain("Expected");
    expect(error.message).toContain("ConditionExpression");
    expect(
      fail("GetItem", { TableName: "Tbl", Key: key("a", 1), AttributesToGet: ["pk"] }).message,
    ).toContain("AttributesToGet");
  });

  it("projects GetItem results", () => {
    const { call } = testService();
    call("PutItem", { TableName: "Tbl", Item: item("a", 1, { m: { M: { x: { N: "1" }, y: { N: "2" } } } }) });
    expect(call("GetItem", { TableName: "Tbl", Key: key("a", 1), ProjectionExpression: "m.y" })).toEqual({
      Item: { m: { M: { y: { N: "2" } } } },
    });
  });
});

describe("key size limits", () => {
  it("refuse partition keys over 2048 bytes and sort keys over 1024 bytes, as the service words it", () => {
    const { call, fail } = testService({
      table: {
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "S" },
        ],
      },
    });
    call("PutItem", { TableName: "Tbl", Item: { pk: { S: "p".repeat(2048) }, sk: { S: "s".repeat(1024) } } });
    expect(
      fail("PutItem", { TableName: "Tbl", Item: { pk: { S: "p".repeat(2049) }, sk: { S: "s" } } }).message,
    ).toBe(
      "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
    );
    expect(
      fail("GetItem", { TableName: "Tbl", Key: { pk: { S: "p" }, sk: { S: "s".repeat(1025) } } }).message,
    ).toBe(
      "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
    );
  });
});

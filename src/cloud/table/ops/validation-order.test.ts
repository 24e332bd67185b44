/**
 * Which error a request with several mistakes gets: the orders probed against DynamoDB Local (see
 * the comments at each check) and, for transactions, AWS's cancellation reasons.
 */
import { describe, expect, it } from "vitest";
import { item, key, tableInput, testService } from "../testing/fixtures.ts";

const withIndexes = {
  AttributeDefinitions: [
    ...(tableInput("Tbl").AttributeDefinitions as unknown[]),
    { AttributeName: "gh", AttributeType: "S" },
    { AttributeName: "gr", AttributeType: "N" },
    { AttributeName: "g2", AttributeType: "S" },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: "idx1",
      KeySchema: [
        { AttributeName: "gh", KeyType: "HASH" },
        { AttributeName: "gr", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    },
    {
      IndexName: "idx2",
      KeySchema: [{ AttributeName: "g2", KeyType: "HASH" }],
      Projection: { ProjectionType: "ALL" },
    },
  ],
};

describe("validation order", () => {
  it("PutItem: placeholders without an expression, values, key per attribute, index keys by name", () => {
    const { fail } = testService({ table: withIndexes });
    const put = (extra: Record<string, unknown>, itemExtra: Record<string, unknown> = {}) =>
      fail("PutItem", { TableName: "Tbl", Item: { ...item("a", 1), ...itemExtra }, ...extra }).message;
    const noSortKey = (extra: Record<string, unknown>) =>
      fail("PutItem", { TableName: "Tbl", Item: { pk: { S: "a" }, ...extra } }).message;
    expect(put({ ExpressionAttributeNames: { "#x": "a" } }, { n: { N: "abc" } })).toBe(
      "ExpressionAttributeNames can only be specified when using expressions",
    );
    expect(noSortKey({ n: { N: "abc" } })).toBe("A value provided cannot be converted into a number");
    expect(noSortKey({ pk: { N: "1" } })).toMatch(/Type mismatch for key pk/);
    expect(put({}, { pk: { BOOL: true } })).toBe("Invalid attribute value type");
    // g2 sorts before gr although idx1 was declared first.
    expect(put({}, { gr: { S: "x" }, g2: { N: "1" } })).toMatch(/Index Key g2 /);
    expect(put({ ConditionExpression: "a = " }, { gh: { N: "1" } })).toMatch(/Index Key gh /);
  });

  it("BatchGetItem: repeated keys before the key schema and the projection", () => {
    const { fail } = testService();
    const keys = [{ pk: { N: "1" } }, key("a", 1), key("a", 1)];
    const request = { Tbl: { Keys: keys, ProjectionExpression: "#undefined" } };
    expect(fail("BatchGetItem", { RequestItems: request }).message).toBe(
      "Provided list of item keys contains duplicates",
    );
  });

  it("Query: the expressions before Select, Limit before IndexName", () => {
    const { fail } = testService();
    const query = {
      TableName: "Tbl",
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": { S: "a" } },
    };
    expect(
      fail("Query", { ...query, Select: "ALL_ATTRIBUTES", ProjectionExpression: "a BETWEEN :p" }).message,
    ).toMatch(/^Invalid ProjectionExpression: Syntax error/);
    expect(fail("Query", { ...query, Limit: 0, IndexName: "nosuch" }).message).toBe(
      "Limit must be greater than or equal to 1",
    );
  });

  it("Query on a table without a sort key: the page with the item is the last", () => {
    const { call } = testService({
      table: {
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      },
    });
    call("PutItem", { TableName: "Tbl", Item: { pk: { S: "a" } } });
    const page = call("Query", {
      TableName: "Tbl",
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": { S: "a" } },
      Limit: 1,
    });
    expect(page.Count).toBe(1);
    expect(page.LastEvaluatedKey).toBeUndefined();
  });

  it("UpdateItem: complaints follow DynamoDB's order of the updated attributes", () => {
    const { fail } = testService();
    const update = (expression: string) =>
      fail("UpdateItem", {
        TableName: "Tbl",
        Key: key("a", 1),
        UpdateExpression: expression,
        ExpressionAttributeValues: { ":v": { N: "1" } },
      }).message;
    // m comes before l, b before a (descending hash bucket), so m's and b's problems are named.
    expect(update("SET l[1] = :v, m = w")).toBe(
      "The provided expression refers to an attribute that does not exist in the item",
    );
    expect(update("SET b.r = :v, a = w")).toBe(
      "The document path provided in the update expression is invalid for update",
    );
  });

  it("TransactGetItems cancels a read whose key does not match the schema", () => {
    const { fail } = testService();
    const error = fail("TransactGetItems", {
      TransactItems: [
        { Get: { TableName: "Tbl", Key: key("a", 1) } },
        { Get: { TableName: "Tbl", Key: {} } },
      ],
    });
    expect(error.code).toBe("TransactionCanceledException");
    expect(error.fields.CancellationReasons).toEqual([
      { Code: "None" },
      { Code: "ValidationError", Message: "The provided key element does not match the schema" },
    ]);
  });

  it("TransactWriteItems: mistyped keys are cancellation reasons, other key errors come in turn", () => {
    const { fail } = testService();
    const cancelled = fail("TransactWriteItems", {
      TransactItems: [
        { Put: { TableName: "Tbl", Item: { pk: { N: "1" }, sk: { N: "1" } } } },
        { Delete: { TableName: "Tbl", Key: { pk: { N: "1" }, sk: { N: "2" } } } },
      ],
    });
    expect(cancelled.fields.CancellationReasons).toEqual([
      {
        Code: "ValidationError",
        Message: "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
      },
      { Code: "ValidationError", Message: "The provided key element does not match the schema" },
    ]);
    const failed = fail("TransactWriteItems", {
      TransactItems: [
        { Update: { TableName: "Tbl", Key: key("a", 1), UpdateExpression: "SET c = w" } },
        { Put: { TableName: "Tbl", Item: { pk: { S: "b" } } } },
      ],
    });
    expect(failed.message).toBe(
      "The provided expression refers to an attribute that does not exist in the item",
    );
  });
});

import { describe, expect, it } from "vitest";
import { item, key, ScriptedMeter, testService } from "../testing/fixtures.ts";

const T = "Tbl";
const put = (pk: string, sk: number, extra: Record<string, unknown> = {}) => ({
  Put: { TableName: T, Item: item(pk, sk), ...extra },
});

describe("TransactWriteItems", () => {
  it("applies every action, or none when a condition fails", () => {
    const { call, fail, changes } = testService();
    call("PutItem", { TableName: T, Item: item("acct", 1, { balance: { N: "10" } }) });
    const debit = (amount: string) => ({
      Update: {
        TableName: T,
        Key: key("acct", 1),
        UpdateExpression: "SET balance = balance - :a",
        ConditionExpression: "balance >= :a",
        ExpressionAttributeValues: { ":a": { N: amount } },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      },
    });
    call("TransactWriteItems", { TransactItems: [debit("4"), put("log", 1)] });
    expect(call("GetItem", { TableName: T, Key: key("acct", 1) }).Item).toEqual(
      item("acct", 1, { balance: { N: "6" } }),
    );
    const error = fail("TransactWriteItems", { TransactItems: [put("log", 2), debit("7")] });
    expect(error.code).toBe("TransactionCanceledException");
    expect(error.message).toBe(
      "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
    );
    expect(error.fields.CancellationReasons).toEqual([
      { Code: "None" },
      {
        Code: "ConditionalCheckFailed",
        Message: "The conditional request failed",
        Item: item("acct", 1, { balance: { N: "6" } }),
      },
    ]);
    expect(call("GetItem", { TableName: T, Key: key("log", 2) })).toEqual({});
    expect(changes).toHaveLength(3);
  });

  it("supports ConditionCheck and Delete, and reports update errors as ValidationError reasons", () => {
    const { call, fail } = testService();
    call("PutItem", { TableName: T, Item: item("a", 1) });
    const check = fail("TransactWriteItems", {
      TransactItems: [
        {
          ConditionCheck: { TableName: T, Key: key("a", 1), ConditionExpression: "attribute_not_exists(pk)" },
        },
      ],
    });
    // DynamoDB Local's wording for ConditionCheck ends with a period, unlike the other actions'.
    expect(check.fields.CancellationReasons).toEqual([
      { Code: "ConditionalCheckFailed", Message: "The conditional request failed." },
    ]);
    call("TransactWriteItems", {
      TransactItems: [
        { ConditionCheck: { TableName: T, Key: key("a", 1), ConditionExpression: "attribute_exists(pk)" } },
        { Delete: { TableName: T, Key: key("b", 1) } },
      ],
    });
    const error = fail("TransactWriteItems", {
      TransactItems: [
        {
          Update: {
            TableName: T,
            Key: key("a", 1),
            UpdateExpression: "SET pk = :v",
            ExpressionAttributeValues: { ":v": { S: "z" } },
          },
        },
      ],
    });
    expect(error.fields.CancellationReasons).toEqual([
      {
        Code: "ValidationError",
        Message:
          "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
      },
    ]);
  });

  it("rejects two actions on one item, empty and oversized requests", () => {
    const { fail } = testService();
    expect(
      fail("TransactWriteItems", {
        TransactItems: [put("a", 1), { Delete: { TableName: T, Key: key("a", 1) } }],
      }).message,
    ).toBe("Transaction request cannot include multiple operations on one item");
    expect(fail("TransactWriteItems", { TransactItems: [] }).code).toBe("ValidationException");
    const many = Array.from({ length: 101 }, (_, i) => put("a", i));
    expect(fail("TransactWriteItems", { TransactItems: many }).message).toContain(
      "less than or equal to 100",
    );
    expect(fail("TransactWriteItems", { TransactItems: [{}] }).message).toBe(
      "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request",
    );
  });

  it("makes a ClientRequestToken idempotent for 10 minutes of virtual time", () => {
    const { call, fail, kernel, changes } = testService();
    const bump = (n: string) => ({
      TransactItems: [
        {
          Update: {
            TableName: T,
            Key: key("c", 1),
            UpdateExpression: "ADD n :n",
            ExpressionAttributeValues: { ":n": { N: n } },
          },
        },
      ],
      ClientRequestToken: "token-1",
    });
    call("TransactWriteItems", bump("1"));
    call("TransactWriteItems", { ...bump("1"), ReturnConsumedCapacity: "TOTAL" });
    expect(changes).toHaveLength(1);
    expect(fail("TransactWriteItems", bump("2")).code).toBe("IdempotentParameterMismatchException");
    kernel.advance(10 * 60 * 1000);
    call("TransactWriteItems", bump("2"));
    expect(call("GetItem", { TableName: T, Key: key("c", 1) }).Item).toEqual(item("c", 1, { n: { N: "3" } }));
  });

  it("charges twice the write units", () => {
    const meter = new ScriptedMeter();
    const { call } = testService({ capacity: meter });
    const out = call("TransactWriteItems", {
      TransactItems: [put("a", 1), put("a", 2)],
      ReturnConsumedCapacity: "TOTAL",
    });
    expect(meter.calls.map((c) => c.units)).toEqual([2, 2]);
    expect(out.ConsumedCapacity).toEqual([{ TableName: T, CapacityUnits: 4, WriteCapacityUnits: 4 }]);
  });
});

describe("TransactGetItems", () => {
  it("reads items in request order, with projections and empty responses for missing items", () => {
    const { call, fail } = testService();
    call("PutItem", { TableName: T, Item: item("a", 1, { v: { S: "x" } }) });
    expect(
      call("TransactGetItems", {
        TransactItems: [
          { Get: { TableName: T, Key: key("a", 2) } },
          { Get: { TableName: T, Key: key("a", 1), ProjectionExpression: "v" } },
        ],
      }),
    ).toEqual({ Responses: [{}, { Item: { v: { S: "x" } } }] });
    expect(
      fail("TransactGetItems", {
        TransactItems: [
          { Get: { TableName: T, Key: key("a", 1) } },
          { Get: { TableName: T, Key: key("a", 1) } },
        ],
      }).message,
    ).toBe("Transaction request cannot include multiple operations on one item");
  });
});

describe("TransactWriteItems limits", () => {
  it("refuses transactions over 4 MB of items", () => {
    const { fail } = testService();
    const big = { b: { S: "x".repeat(390 * 1024) } };
    const items = Array.from({ length: 11 }, (_, i) => ({ Put: { TableName: T, Item: item("a", i, big) } }));
    expect(fail("TransactWriteItems", { TransactItems: items }).message).toMatch(
      /^Transaction payload size cannot exceed 4MB\. Payload Size: \d+$/,
    );
  });
});

describe("throttled transactions", () => {
  it("cancel with a ProvisionedThroughputExceeded reason for the throttled action and write nothing", () => {
    // Call 1 meters the first Put, call 2 (the second Put) is throttled.
    const { fail, call, changes } = testService({ capacity: new ScriptedMeter((n) => n === 2) });
    const error = fail("TransactWriteItems", { TransactItems: [put("a", 1), put("a", 2)] });
    expect(error.code).toBe("TransactionCanceledException");
    expect(error.fields.CancellationReasons).toEqual([
      { Code: "None" },
      {
        Code: "ProvisionedThroughputExceeded",
        Message:
          "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
      },
    ]);
    expect(changes).toHaveLength(0);
    expect(
      call("TransactGetItems", { TransactItems: [{ Get: { TableName: T, Key: key("a", 1) } }] }),
    ).toEqual({
      Responses: [{}],
    });
  });
});

import { describe, expect, it } from "vitest";
import { item, key, ScriptedMeter, tableInput, testService } from "../testing/fixtures.ts";

const T = "Tbl";
const puts = (n: number) => Array.from({ length: n }, (_, i) => ({ PutRequest: { Item: item("a", i) } }));

describe("BatchWriteItem", () => {
  it("applies puts and deletes across tables", () => {
    const { call, changes } = testService();
    call("CreateTable", tableInput("Other"));
    call("PutItem", { TableName: T, Item: item("gone", 1) });
    const out = call("BatchWriteItem", {
      RequestItems: { [T]: [...puts(2), { DeleteRequest: { Key: key("gone", 1) } }], Other: puts(1) },
    });
    expect(out).toEqual({ UnprocessedItems: {} });
    expect(changes).toHaveLength(5);
    expect(call("GetItem", { TableName: T, Key: key("gone", 1) })).toEqual({});
    expect(call("GetItem", { TableName: "Other", Key: key("a", 0) }).Item).toEqual(item("a", 0));
  });

  it("checks limits and duplicates before writing anything", () => {
    const { fail, changes } = testService();
    expect(fail("BatchWriteItem", { RequestItems: { [T]: puts(26) } }).message).toBe(
      "Too many items requested for the BatchWriteItem call",
    );
    expect(
      fail("BatchWriteItem", { RequestItems: { [T]: [...puts(1), { DeleteRequest: { Key: key("a", 0) } }] } })
        .message,
    ).toBe("Provided list of item keys contains duplicates");
    expect(fail("BatchWriteItem", { RequestItems: {} }).message).toBe(
      "BatchWriteItem cannot have a null or no requests set",
    );
    expect(
      fail("BatchWriteItem", {
        RequestItems: { [T]: [...puts(1), { PutRequest: { Item: { pk: { S: "x" } } } }] },
      }).code,
    ).toBe("ValidationException");
    expect(changes).toHaveLength(0);
  });

  it("returns throttled requests as UnprocessedItems, and throws only when nothing was written", () => {
    const meter = new ScriptedMeter((n) => n === 2);
    const { call } = testService({ capacity: meter });
    const out = call("BatchWriteItem", { RequestItems: { [T]: puts(3) } });
    expect(out).toEqual({ UnprocessedItems: { [T]: [{ PutRequest: { Item: item("a", 1) } }] } });
    expect(call("GetItem", { TableName: T, Key: key("a", 1) })).toEqual({});

    const dry = testService({ capacity: new ScriptedMeter(() => true) });
    const error = dry.fail("BatchWriteItem", { RequestItems: { [T]: puts(2) } });
    expect(error.code).toBe("ProvisionedThroughputExceededException");
  });
});

describe("BatchGetItem", () => {
  it("reads up to 100 keys, with projections, skipping missing items", () => {
    const { call, fail } = testService();
    call("PutItem", { TableName: T, Item: item("a", 1, { v: { S: "one" } }) });
    const out = call("BatchGetItem", {
      RequestItems: { [T]: { Keys: [key("a", 1), key("a", 2)], ProjectionExpression: "v" } },
    });
    expect(out).toEqual({ Responses: { [T]: [{ v: { S: "one" } }] }, UnprocessedKeys: {} });
    const many = Array.from({ length: 101 }, (_, i) => key("a", i));
    expect(fail("BatchGetItem", { RequestItems: { [T]: { Keys: many } } }).message).toBe(
      "Too many items requested for the BatchGetItem call",
    );
    expect(
      fail("BatchGetItem", { RequestItems: { [T]: { Keys: [key("a", 1), key("a", 1)] } } }).message,
    ).toBe("Provided list of item keys contains duplicates");
  });

  it("returns throttled keys as UnprocessedKeys with the table's request options", () => {
    // Call 1 is the PutItem, calls 2 and 3 the two keys: the second key is throttled.
    const { call, fail } = testService({ capacity: new ScriptedMeter((n) => n === 3 || n > 4) });
    call("PutItem", { TableName: T, Item: item("a", 1) });
    const request = { Keys: [key("a", 1), key("a", 2)], ConsistentRead: true };
    const out = call("BatchGetItem", { RequestItems: { [T]: request } });
    expect(out).toEqual({
      Responses: { [T]: [item("a", 1)] },
      UnprocessedKeys: { [T]: { ...request, Keys: [key("a", 2)] } },
    });
    // Call 4 passes (key 2 alone); from call 5 on everything is throttled, so nothing is read.
    expect(call("BatchGetItem", { RequestItems: { [T]: { Keys: [key("a", 2)] } } }).UnprocessedKeys).toEqual(
      {},
    );
    expect(fail("BatchGetItem", { RequestItems: { [T]: request } }).code).toBe(
      "ProvisionedThroughputExceededException",
    );
  });
});

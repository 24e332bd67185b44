import { describe, expect, it } from "vitest";
import { readUnits, writeUnits } from "./capacity-units.ts";
import { item, key, ScriptedMeter, testService } from "./testing/fixtures.ts";

const T = "Tbl";

describe("capacity units", () => {
  it("rounds reads to 4 KB and writes to 1 KB, halving eventually consistent reads", () => {
    expect([
      readUnits(0, true),
      readUnits(4096, true),
      readUnits(4097, true),
      readUnits(4097, false),
    ]).toEqual([1, 1, 2, 1]);
    expect([writeUnits(0), writeUnits(1024), writeUnits(1025)]).toEqual([1, 1, 2]);
  });

  it("meters each operation before it takes effect, and reports it when asked", () => {
    const meter = new ScriptedMeter();
    const { call } = testService({ capacity: meter });
    const big = { b: { S: "x".repeat(5000) } };
    expect(
      call("PutItem", { TableName: T, Item: item("a", 1, big), ReturnConsumedCapacity: "TOTAL" })
        .ConsumedCapacity,
    ).toEqual({
      TableName: T,
      CapacityUnits: 5,
    });
    call("GetItem", { TableName: T, Key: key("a", 1) });
    call("GetItem", { TableName: T, Key: key("a", 1), ConsistentRead: true });
    call("DeleteItem", { TableName: T, Key: key("a", 1) });
    expect(meter.calls.map((c) => [c.kind, c.units])).toEqual([
      ["write", 5],
      ["read", 1],
      ["read", 2],
      ["write", 5],
    ]);
  });

  it("lets the meter's throttling error through and leaves the item unchanged", () => {
    const { call, fail, changes } = testService({ capacity: new ScriptedMeter((n) => n === 2) });
    call("PutItem", { TableName: T, Item: item("a", 1) });
    expect(fail("PutItem", { TableName: T, Item: item("a", 1, { v: { S: "new" } }) }).code).toBe(
      "ProvisionedThroughputExceededException",
    );
    expect(call("GetItem", { TableName: T, Key: key("a", 1) }).Item).toEqual(item("a", 1));
    expect(changes).toHaveLength(1);
  });

  it("still charges a write whose condition fails", () => {
    const meter = new ScriptedMeter();
    const { fail } = testService({ capacity: meter });
    fail("PutItem", { TableName: T, Item: item("a", 1), ConditionExpression: "attribute_exists(pk)" });
    expect(meter.calls).toEqual([{ tableName: T, kind: "write", units: 1 }]);
  });
});

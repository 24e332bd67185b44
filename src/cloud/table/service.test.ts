import { describe, expect, it } from "vitest";
import { item, key, testService } from "./testing/fixtures.ts";

describe("DynamoDbService for other services", () => {
  it("deletes expired items as the service, reported with removedByService", () => {
    const { call, service, changes } = testService();
    call("PutItem", { TableName: "Tbl", Item: item("a", 1) });
    expect(service.deleteExpiredItem("Tbl", key("a", 1))).toBe(true);
    expect(service.deleteExpiredItem("Tbl", key("a", 1))).toBe(false);
    expect(service.deleteExpiredItem("Nope", key("a", 1))).toBe(false);
    expect(changes.at(-1)).toMatchObject({
      removedByService: true,
      oldImage: item("a", 1),
      keys: key("a", 1),
    });
    expect(changes.at(-1)?.newImage).toBeUndefined();
    expect(call("GetItem", { TableName: "Tbl", Key: key("a", 1) })).toEqual({});
  });

  it("lists and reads a table's items for the TTL sweeper", () => {
    const { call, service } = testService();
    call("PutItem", { TableName: "Tbl", Item: item("a", 2, { exp: { N: "5" } }) });
    call("PutItem", { TableName: "Tbl", Item: item("a", 1) });
    expect([...service.items("Tbl")]).toEqual([item("a", 1), item("a", 2, { exp: { N: "5" } })]);
    expect([...service.items("Nope")]).toEqual([]);
    expect(service.peekItem("Tbl", key("a", 2))).toEqual(item("a", 2, { exp: { N: "5" } }));
    expect(service.peekItem("Tbl", key("a", 3))).toBeUndefined();
  });

  it("refuses a bad eventual-read lag", () => {
    expect(() => testService({ eventualReadLagMs: -1 })).toThrow(/eventualReadLagMs/);
  });
});

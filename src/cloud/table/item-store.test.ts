import { describe, expect, it } from "vitest";
import { ItemStore } from "./item-store.ts";
import type { KeySchema } from "./model.ts";
import { Table } from "./table.ts";
import type { Item } from "./values.ts";

const schema: KeySchema = { partition: { name: "pk", type: "S" }, sort: { name: "sk", type: "N" } };
const store = () => new ItemStore(schema, (item) => [item.sk!]);
const it_ = (pk: string, sk: string, v = "x"): Item => ({ pk: { S: pk }, sk: { N: sk }, v: { S: v } });

describe("ItemStore", () => {
  it("orders a partition numerically and replaces items with the same key", () => {
    const s = store();
    for (const sk of ["10", "9", "-1", "1.5", "100"]) s.put(it_("a", sk));
    // The engine stores canonical numbers, so an equal key arrives spelled the same way.
    s.put(it_("a", "9", "replaced"));
    expect(s.partition({ S: "a" })?.entries.map((e) => e.item.sk)).toEqual(
      ["-1", "1.5", "9", "10", "100"].map((N) => ({ N })),
    );
    expect(s.get({ pk: { S: "a" }, sk: { N: "9" } })?.v).toEqual({ S: "replaced" });
    expect(s.size).toBe(5);
  });

  it("drops empty partitions and keeps partitions in hash order", () => {
    const s = store();
    for (const pk of ["p1", "p2", "p3", "p4"]) s.put(it_(pk, "1"));
    const hashes = s.partitions().map((p) => p.hash);
    expect([...hashes].sort((a, b) => a - b)).toEqual(hashes);
    s.delete({ pk: { S: "p2" }, sk: { N: "1" } });
    s.delete({ pk: { S: "p2" }, sk: { N: "1" } });
    expect(s.partitions()).toHaveLength(3);
    expect(s.size).toBe(3);
    expect(s.partition({ S: "p2" })).toBeUndefined();
  });

  it("keeps the scan order right when partitions come and go between reads", () => {
    const s = store();
    for (const pk of ["p1", "p2", "p3"]) s.put(it_(pk, "1"));
    const before = s.partitions().map((p) => p.encoded);
    s.delete(it_("p2", "1"));
    s.put(it_("p2", "1", "again"));
    s.put(it_("p4", "1"));
    s.delete(it_("p4", "1"));
    const after = s.partitions();
    expect(after.map((p) => p.encoded)).toEqual(before);
    expect(after.find((p) => p.encoded === "Sp2")?.entries[0]?.item.v).toEqual({ S: "again" });
    expect(s.partitionPosition({ S: "p4" }).exact).toBe(false);
  });

  it("clones independently", () => {
    const s = store();
    s.put(it_("a", "1"));
    const copy = s.clone();
    copy.put(it_("a", "2"));
    copy.delete(it_("a", "1"));
    expect(s.get(it_("a", "1"))).toBeDefined();
    expect(s.get(it_("a", "2"))).toBeUndefined();
  });

  it("on a table without a sort key, keeps one entry per partition, in an array of one, with a shared order tuple", () => {
    const table = new Table({
      tableName: "Plain",
      tableArn: "arn:aws:dynamodb:us-east-1:000000000000:table/Plain",
      keys: { partition: { name: "pk", type: "S" } },
      attributeDefinitions: [{ name: "pk", type: "S" }],
      billingMode: "PAY_PER_REQUEST",
      gsis: [],
      deletionProtection: false,
      createdAtMs: 0,
    });
    const s = table.store;
    const items = ["p1", "p2", "p3"].map((pk): Item => ({ pk: { S: pk }, v: { S: pk } }));
    for (const item of items) s.put(item);
    s.put({ pk: { S: "p2" }, v: { S: "replaced" } });
    expect(s.size).toBe(3);
    expect(s.get({ pk: { S: "p1" } })).toBe(items[0]);
    expect(s.get({ pk: { S: "p2" } })?.v).toEqual({ S: "replaced" });
    const partitions = s.partitions();
    expect(partitions.map((p) => p.entries.length)).toEqual([1, 1, 1]);
    const orders = new Set(partitions.map((p) => p.entries[0]!.order));
    expect(orders.size).toBe(1);
    expect([...orders][0]).toEqual([]);
    expect(Object.isFrozen([...orders][0])).toBe(true);
    s.delete({ pk: { S: "p3" } });
    s.put({ pk: { S: "p3" }, v: { S: "again" } });
    expect(s.size).toBe(3);
    expect(s.get({ pk: { S: "p3" } })?.v).toEqual({ S: "again" });
  });
});

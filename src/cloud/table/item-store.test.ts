import { describe, expect, it } from "vitest";
import { ItemStore } from "./item-store.ts";
import type { KeySchema } from "./model.ts";
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
});

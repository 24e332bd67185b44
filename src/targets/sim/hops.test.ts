import { describe, expect, it } from "vitest";
import { inventoryApp, type Variant } from "../../../examples/inventory/app.ts";
import type { Hop } from "../target.ts";
import { type SimulateOptions, simulate } from "./simulated-cloud.ts";
import { hopsApp } from "./testing/hops-app.ts";

/** One order through the inventory app, after a test-made stock item. */
async function orderHops(variant: Variant, options: SimulateOptions = { seed: 1 }): Promise<Hop[]> {
  await using cloud = await simulate(inventoryApp(variant), { namePrefix: "pr-7", ...options });
  await cloud.putItem("Inventory", { sku: "RED", stock: 5 });
  const order = JSON.stringify({ orderId: "o-1", sku: "RED", qty: 1 });
  await cloud.sendMessage("Orders", order, { attributes: { correlationId: "c-1" } });
  await cloud.settle();
  return cloud.hops();
}

const edge = (h: Hop) => `${h.kind} ${h.from} -> ${h.to}`;

function only(hops: readonly Hop[], predicate: (h: Hop) => boolean): Hop {
  const found = hops.filter(predicate);
  expect(found).toHaveLength(1);
  return found[0] as Hop;
}

describe("hops() of the inventory app", () => {
  it.each(["safe", "naive"] as const)(
    "follows an order from the test to reorder and shipping (%s)",
    async (variant) => {
      const hops = await orderHops(variant);
      const send = only(hops, (h) => h.kind === "send");
      const chain = hops.filter((h) => h.traceId === send.id);
      const idempotency = variant === "safe" ? ["write reserveStock -> Idempotency"] : [];
      expect([...new Set(chain.map(edge))].sort()).toEqual(
        [
          "send test -> Orders",
          "invocation Orders -> reserveStock",
          ...idempotency,
          "write reserveStock -> Inventory",
          "write reserveStock -> Reservations",
          "invocation Inventory -> publishStockChange",
          "publish publishStockChange -> StockEvents",
          "deliver StockEvents -> Replenishment",
          "invocation Replenishment -> reorder",
          "write reorder -> Reorders",
          "invocation StockEvents -> notifyShipping",
          "write notifyShipping -> Notifications",
        ].sort(),
      );
      const byId = new Map(hops.map((h) => [h.id, h]));
      const causesOf = (to: string) =>
        only(chain, (h) => h.kind === "invocation" && h.to === to).causes.map((id) =>
          edge(byId.get(id) as Hop),
        );
      expect(causesOf("reserveStock")).toEqual(["send test -> Orders"]);
      expect(causesOf("publishStockChange")).toEqual(["write reserveStock -> Inventory"]);
      expect(causesOf("reorder")).toEqual(["deliver StockEvents -> Replenishment"]);
      expect(causesOf("notifyShipping")).toEqual(["publish publishStockChange -> StockEvents"]);
      // The test's own stock write starts a chain of its own: its INSERT reaches publishStockChange.
      const put = only(hops, (h) => h.kind === "write" && h.from === "test");
      expect(hops.filter((h) => h.traceId === put.id).map(edge)).toEqual([
        "write test -> Inventory",
        "invocation Inventory -> publishStockChange",
      ]);
    },
  );

  it("carries the order's correlation id from its message attribute to every invocation downstream", async () => {
    const hops = await orderHops("safe");
    const send = only(hops, (h) => h.kind === "send");
    const invocations = hops.filter((h) => h.kind === "invocation" && h.traceId === send.id);
    expect(invocations).toHaveLength(4);
    for (const invocation of invocations) expect(invocation.correlationIds).toEqual(["c-1"]);
    expect(only(hops, (h) => h.id.endsWith(">Inventory")).correlationIds).toEqual(["c-1"]);
    expect(only(hops, (h) => h.kind === "write" && h.to === "Notifications").correlationIds).toEqual(["c-1"]);
    expect(only(hops, (h) => h.kind === "write" && h.from === "test").correlationIds).toEqual([]);
  });

  it("gives the same hops for the same seed", async () => {
    const first = await orderHops("naive", { seed: 9 });
    expect(await orderHops("naive", { seed: 9 })).toEqual(first);
    expect(first.every((h) => h.status === "ok")).toBe(true);
  });

  it("lists only what a bounded trace kept, every cause among the hops listed", async () => {
    const all = await orderHops("naive", { seed: 1 });
    const kept = await orderHops("naive", { seed: 1, retainSpans: 6 });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    const ids = new Set(kept.map((h) => h.id));
    for (const hop of kept) for (const cause of hop.causes) expect(ids).toContain(cause);
  });

  it("reads the hops again once the run moved on, and gives each reader its own list of frozen hops", async () => {
    await using cloud = await simulate(inventoryApp("safe"), { seed: 1 });
    await cloud.putItem("Inventory", { sku: "RED", stock: 5 });
    await cloud.sendMessage("Orders", JSON.stringify({ orderId: "o-1", sku: "RED", qty: 1 }));
    await cloud.settle();
    const first = await cloud.hops();
    const again = await cloud.hops();
    expect(again).toEqual(first);
    again.length = 0;
    expect(await cloud.hops()).toEqual(first);
    expect(Object.isFrozen(first[0]) && Object.isFrozen(first[0]?.causes)).toBe(true);
    await cloud.sendMessage("Orders", JSON.stringify({ orderId: "o-2", sku: "RED", qty: 1 }));
    await cloud.settle();
    const later = await cloud.hops();
    expect(later.length).toBeGreaterThan(first.length);
    expect(later.filter((h) => h.kind === "send")).toHaveLength(2);
  });
});

describe("hops() of a small app", () => {
  it("numbers a redelivery, and reads an UpdateItem's correlation id from the stream", async () => {
    await using cloud = await simulate(hopsApp, { seed: 3 });
    await cloud.sendMessage("Inbox", "w1", { attributes: { correlationId: "c-7" } });
    await cloud.settle();
    const hops = await cloud.hops();
    const deliveries = hops.filter((h) => h.to === "flaky");
    expect(deliveries.map((h) => [h.status, h.attempt, h.correlationIds])).toEqual([
      ["error", 1, ["c-7"]],
      ["ok", 2, ["c-7"]],
    ]);
    const update = only(hops, (h) => h.kind === "write");
    expect(update).toMatchObject({ from: "flaky", to: "Watched", correlationIds: ["c-7"] });
    expect(update.causes).toEqual([deliveries[1]?.id]);
    expect(only(hops, (h) => h.to === "watch")).toMatchObject({
      from: "Watched",
      via: "dynamodb-stream",
      causes: [update.id],
      correlationIds: ["c-7"],
      traceId: deliveries[0]?.causes[0],
    });
  });

  it.each(["fast", "wire"] as const)(
    "finds a direct invoke's correlation id in its payload and in the item it writes (%s mode)",
    async (sdkMode) => {
      await using cloud = await simulate(hopsApp, { seed: 4, sdkMode, namePrefix: "t" });
      await cloud.invoke("direct", { id: "r1", correlationId: "c-8" });
      await cloud.invoke("direct", { id: "r2" }, { invocationType: "DryRun" });
      await cloud.settle();
      const hops = await cloud.hops();
      expect(hops.map((h) => [edge(h), h.correlationIds])).toEqual([
        ["invoke test -> direct", ["c-8"]],
        ["invocation test -> direct", ["c-8"]],
        ["write direct -> Records", ["c-8"]],
        ["invoke direct -> sink", ["c-8"]],
        ["invocation direct -> sink", ["c-8"]],
      ]);
      expect(new Set(hops.map((h) => h.traceId))).toEqual(new Set([hops[0]?.id]));
      expect(hops[1]).toMatchObject({ via: "invoke", attempt: 1, coldStart: true });
    },
  );

  it("looks for correlation ids where the options say", async () => {
    const correlation = { messageAttribute: "trace", field: "cid" };
    await using cloud = await simulate(hopsApp, { seed: 5, correlation });
    await cloud.invoke("direct", { id: "r1", cid: "x-1", correlationId: "ignored" });
    await cloud.sendMessage("Inbox", "w1", { attributes: { trace: "x-2", correlationId: "ignored" } });
    await cloud.settle();
    const hops = await cloud.hops();
    expect(only(hops, (h) => h.kind === "write" && h.to === "Records").correlationIds).toEqual(["x-1"]);
    expect(only(hops, (h) => h.kind === "send").correlationIds).toEqual(["x-2"]);
    // flaky writes the `correlationId` attribute into the item, not the configured `cid` field.
    expect(only(hops, (h) => h.kind === "write" && h.to === "Watched").correlationIds).toEqual([]);
  });

  it("refuses an empty correlation name", async () => {
    await expect(simulate(hopsApp, { seed: 1, correlation: { field: "" } })).rejects.toThrow(
      /correlation\.field must be a non-empty string/,
    );
  });
});

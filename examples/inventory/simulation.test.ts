// The pyramid's second layer: the whole app in the simulation, with Squall's assertions. The
// naive variant fails them with messages a tester can act on; the safe variant passes.
import { describe, expect } from "vitest";
import { correlate, sqsEvent, type Target } from "../../src/public/index.ts";
import { squallTest } from "../../src/public/vitest.ts";
import { inventoryApp } from "./app.ts";
import type { StockChange } from "./src/order.ts";

const naive = squallTest(inventoryApp("naive"));
const safe = squallTest(inventoryApp("safe"));
// Standard queues deliver at least once: here, every message twice.
const naiveTwice = squallTest(inventoryApp("naive"), { delivery: { duplicateDeliveryProbability: 1 } });

const ORDER_FLOW =
  "Orders → reserveStock → Inventory stream → publishStockChange → StockEvents → notifyShipping";

// Idempotency: the same order delivered again must reserve once and answer the same.
const reserveOnce = (cloud: Target) => ({
  function: "reserveStock",
  event: (key: string) =>
    sqsEvent([{ body: { orderId: key, sku: "SKU-RED", qty: 1 } }], { queueName: "Orders" }),
  effects: async (key: string) => (await cloud.scan("Reservations")).filter((r) => r.orderId === key).length,
});

// Ordering: low-stock events for one SKU, delivered to reorder in every order; the recorded
// stock must be the newest (the Inventory item's version orders them).
const newestStockWins = (cloud: Target) => ({
  policy: "latest-wins" as const,
  events: (trial: { key: string }): StockChange[] =>
    [4, 3, 2].map((stock) => ({ sku: trial.key, stock, orderId: "o-1", version: 0 })),
  stamp: (change: StockChange, version: number) => ({ ...change, version }),
  deliver: (change: StockChange) =>
    cloud.invoke(
      "reorder",
      sqsEvent([{ body: { Type: "Notification", Message: JSON.stringify(change) } }], {
        queueName: "Replenishment",
      }),
    ),
  state: async (trial: { key: string }) =>
    (await cloud.getItem("Reorders", { sku: trial.key }))?.version as number | undefined,
});

async function stock(cloud: Target): Promise<void> {
  await cloud.putItem("Inventory", { sku: "SKU-RED", stock: 100, initialStock: 100 });
}

describe("the safe inventory", () => {
  safe("takes every order down the declared chain, keeping its correlation id", async ({ cloud }) => {
    await stock(cloud);
    await correlate(cloud).send("Orders", JSON.stringify({ orderId: "o-1", sku: "SKU-RED", qty: 2 }));
    await cloud.settle();
    await expect(cloud).toFollowChoreography(ORDER_FLOW, { withinMs: 5_000 });
    await expect(cloud).toKeepCorrelationIds();
  });

  safe("reserves an order once however often it is delivered", async ({ cloud }) => {
    await stock(cloud);
    await expect(cloud).toBeIdempotent({
      ...reserveOnce(cloud),
      cache: { table: "Idempotency", expiryAttribute: "expiration" },
    });
  });

  safe("keeps the newest stock level whatever order stock events arrive in", async ({ cloud }) => {
    await expect(cloud).toKeepOrder(newestStockWins(cloud));
  });
});

describe("the naive inventory", () => {
  naive("reserves an order again when it is delivered again", async ({ cloud }) => {
    await stock(cloud);
    await expect(
      expect(cloud).toBeIdempotent({ ...reserveOnce(cloud), modes: ["sequential"] }),
    ).rejects.toThrow(
      /function "reserveStock", mode sequential: attempt 2 of 3 \(a duplicate delivered after attempt 1 completed\) made a second side effect: effects went from 1 to 2/,
    );
  });

  naive("lets an older stock event overwrite a newer one", async ({ cloud }) => {
    await expect(expect(cloud).toKeepOrder(newestStockWins(cloud))).rejects.toThrow(
      /policy latest-wins: delivered #\d, #\d, #\d \(sent order #1, #2, #3\): final state has sequence [12], expected 3/,
    );
  });

  naiveTwice("notifies shipping twice when SQS delivers an order twice", async ({ cloud }) => {
    await stock(cloud);
    await correlate(cloud).send("Orders", JSON.stringify({ orderId: "o-1", sku: "SKU-RED", qty: 2 }));
    await cloud.settle();
    await expect(expect(cloud).toFollowChoreography(ORDER_FLOW)).rejects.toThrow(
      /duplicated hop StockEvents → notifyShipping \(expected exactly once, saw 2/,
    );
  });
});

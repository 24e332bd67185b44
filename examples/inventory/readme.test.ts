import { correlate, sqsEvent } from "squall";
import { squallTest } from "squall/vitest";
import { expect } from "vitest";
import { inventoryApp } from "./app.ts";

const test = squallTest(inventoryApp("safe"));
const flow = "Orders → reserveStock → Inventory stream → publishStockChange → StockEvents → notifyShipping";

test("an order flows to shipping once, keeping its correlation id", async ({ cloud }) => {
  await cloud.putItem("Inventory", { sku: "RED", stock: 10 });
  await correlate(cloud).send("Orders", JSON.stringify({ orderId: "o-1", sku: "RED", qty: 2 }));
  await cloud.settle(); // virtual time: every delivery, retry and cold start, in milliseconds
  await expect(cloud).toFollowChoreography(flow);
  await expect(cloud).toKeepCorrelationIds();
});

test("an order delivered again is reserved once", async ({ cloud }) => {
  await cloud.putItem("Inventory", { sku: "RED", stock: 10 });
  const event = (key: string) => sqsEvent([{ body: { orderId: key, sku: "RED", qty: 1 } }]);
  const effects = async (key: string) =>
    (await cloud.scan("Reservations")).filter((r) => r.orderId === key).length;
  await expect(cloud).toBeIdempotent({ function: "reserveStock", event, effects });
});

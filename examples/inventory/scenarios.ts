import type { Scenario, ScenarioContext } from "../../src/public/index.ts";

/** Stock the scenarios start from: scarce, so that overselling shows. */
export const INITIAL_STOCK: Readonly<Record<string, number>> = {
  "SKU-RED": 12,
  "SKU-BLUE": 8,
  "SKU-GREEN": 5,
};

async function stockShelves({ target }: ScenarioContext): Promise<void> {
  for (const [sku, stock] of Object.entries(INITIAL_STOCK))
    await target.putItem("Inventory", { sku, stock, initialStock: stock });
}

async function sendOrder(
  { target }: ScenarioContext,
  orderId: string,
  sku: string,
  qty: number,
): Promise<void> {
  await target.sendMessage("Orders", JSON.stringify({ orderId, sku, qty }));
}

/** One order, delivered once: every variant should handle it. */
export const singleOrder: Scenario = {
  description: "one order for two red items",
  async run(context) {
    await stockShelves(context);
    await sendOrder(context, "order-1", "SKU-RED", 2);
  },
};

/**
 * Black Friday: 60 orders for 25 items arrive at once from many clients, and the queue delivers
 * some of them twice and out of order, as standard SQS queues may.
 */
export const blackFriday: Scenario = {
  description: "60 concurrent orders for scarce stock, with duplicate and reordered deliveries",
  delivery: { duplicateDeliveryProbability: 0.2, reorderWindowMs: 2_000 },
  async run(context) {
    await stockShelves(context);
    const skus = Object.keys(INITIAL_STOCK);
    // Math.random is seeded inside the simulation: the same seed sends the same orders.
    const orders = Array.from({ length: 60 }, (_, i) => ({
      orderId: `order-${i + 1}`,
      sku: skus[Math.floor(Math.random() * skus.length)] as string,
      qty: 1 + Math.floor(Math.random() * 2),
    }));
    await Promise.all(orders.map((o) => sendOrder(context, o.orderId, o.sku, o.qty)));
  },
};

/** Orders trickle in, then stop for 20 minutes (environments are reaped), then come back. */
export const quietThenBusy: Scenario = {
  description: "orders after a quiet period meet cold starts again",
  async run(context) {
    await stockShelves(context);
    await sendOrder(context, "early-1", "SKU-RED", 1);
    await context.target.advance(20 * 60_000);
    for (let i = 1; i <= 5; i++) await sendOrder(context, `late-${i}`, "SKU-BLUE", 1);
  },
};

/**
 * For fault search: as many orders as the seed draws (up to 20: enough to sell out a SKU), for
 * random SKUs, with no faults of its own — `squall explore` adds them — so a shrunk failure tells
 * the shortest story.
 */
export const randomOrders: Scenario = {
  description: "1 to 20 orders for random SKUs; faults come from the search",
  async run(context) {
    await stockShelves(context);
    const skus = Object.keys(INITIAL_STOCK);
    const count = 1 + Math.floor(Math.random() * 20);
    const orders = Array.from({ length: count }, (_, i) => ({
      orderId: `order-${i + 1}`,
      sku: skus[Math.floor(Math.random() * skus.length)] as string,
      qty: 1 + Math.floor(Math.random() * 2),
    }));
    await Promise.all(orders.map((o) => sendOrder(context, o.orderId, o.sku, o.qty)));
  },
};

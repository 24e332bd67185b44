import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, groupBy, sumOf } from "../checks.ts";

/**
 * Planted bug: a lost update when a stream consumer processes its batch's records concurrently.
 *
 * @example await using cloud = await simulate(streamLostUpdateApp("buggy"), { seed: 1 });
 */
export function streamLostUpdateApp(variant: string) {
  return defineApp({
    name: `planted-stream-lost-update-${variant}`,
    root: import.meta.dirname,
    tables: {
      Orders: { partitionKey: { name: "orderId", type: "S" }, stream: "NEW_IMAGE" },
      Totals: { partitionKey: { name: "customerId", type: "S" } },
    },
    functions: {
      tally: {
        handler: variant === "buggy" ? "src/tally.ts#handler" : "src/tally.ts#handlerAtomic",
        environment: { TOTALS_TABLE: tableName("Totals") },
        events: [{ stream: "Orders", batchSize: 100 }],
      },
    },
  });
}

const totalsMatchOrders: Invariant = {
  name: "every customer's total equals their orders",
  async check({ target }) {
    const orders = groupBy(await target.scan("Orders"), "customerId");
    const totals = new Map((await target.scan("Totals")).map((t) => [t.customerId, t.spent]));
    return [...orders]
      .filter(([customerId, placed]) => totals.get(customerId) !== sumOf(placed, "amount"))
      .map(([customerId, placed]) => ({
        message: `customer ${String(customerId)} spent ${String(totals.get(customerId))}, orders add up to ${sumOf(placed, "amount")}`,
        items: placed,
      }));
  },
};

export default defineConfig({
  app: streamLostUpdateApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    orders: {
      description: "1 to 10 orders from 1 to 3 customers, written by the shop's front end",
      async run({ target }) {
        const customers = drawCount(3);
        const count = drawCount(10);
        for (let i = 1; i <= count; i++)
          await target.putItem("Orders", {
            orderId: `o-${i}`,
            customerId: `c-${drawCount(customers)}`,
            amount: i,
          });
      },
    },
  },
  invariants: [totalsMatchOrders],
  explore: {
    scenarios: ["orders"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

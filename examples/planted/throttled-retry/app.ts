import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, groupBy } from "../checks.ts";

/**
 * Planted bug, the seed's own story: a duplicate reservation when a throttled write makes Lambda
 * retry. Inventory is provisioned for everyday traffic (1 write a second); a burst of orders
 * exhausts it, the SDK's retries run out, and SQS delivers the failed orders again.
 *
 * @example await using cloud = await simulate(throttledRetryApp("buggy"), { seed: 1 });
 */
export function throttledRetryApp(variant: string) {
  return defineApp({
    name: `planted-throttled-retry-${variant}`,
    root: import.meta.dirname,
    tables: {
      Inventory: {
        partitionKey: { name: "sku", type: "S" },
        billing: { mode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 1 },
      },
      Reservations: { partitionKey: { name: "reservationId", type: "S" } },
    },
    queues: { Orders: {} },
    functions: {
      reserve: {
        handler: `src/reserve-${variant}.ts#handler`,
        environment: {
          INVENTORY_TABLE: tableName("Inventory"),
          RESERVATIONS_TABLE: tableName("Reservations"),
        },
        events: [{ queue: "Orders", batchSize: 10, reportBatchItemFailures: true }],
      },
    },
  });
}

const oneReservationPerOrder: Invariant = {
  name: "exactly one reservation per order",
  async check({ target }) {
    return [...groupBy(await target.scan("Reservations"), "orderId")]
      .filter(([, reservations]) => reservations.length > 1)
      .map(([orderId, reservations]) => ({
        message: `order ${String(orderId)} has ${reservations.length} reservations`,
        items: reservations,
      }));
  },
};

export default defineConfig({
  app: throttledRetryApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    burst: {
      description: "1 to 20 orders at once for plentiful stock, more than Inventory's capacity",
      async run({ target }) {
        await target.putItem("Inventory", { sku: "SKU-RED", stock: 1_000 });
        const count = drawCount(20);
        await Promise.all(
          Array.from({ length: count }, (_, i) =>
            target.sendMessage("Orders", JSON.stringify({ orderId: `o-${i + 1}`, sku: "SKU-RED", qty: 1 })),
          ),
        );
      },
    },
  },
  invariants: [oneReservationPerOrder],
  explore: {
    scenarios: ["burst"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

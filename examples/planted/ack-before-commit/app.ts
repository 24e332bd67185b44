import { defineApp, defineConfig, type Invariant, queueUrl, tableName } from "../../../src/public/index.ts";
import { drawCount } from "../checks.ts";

/**
 * Planted bug: acknowledge before commit. The consumer deletes each message before it saves the
 * order; the Orders table is provisioned for 1 write a second, so a burst throttles some saves
 * past the SDK's retries, and those orders are lost.
 *
 * @example await using cloud = await simulate(ackBeforeCommitApp("buggy"), { seed: 1 });
 */
export function ackBeforeCommitApp(variant: string) {
  return defineApp({
    name: `planted-ack-before-commit-${variant}`,
    root: import.meta.dirname,
    tables: {
      // The storefront's record of what it accepted: every one must reach Orders.
      Accepted: { partitionKey: { name: "orderId", type: "S" } },
      Orders: {
        partitionKey: { name: "orderId", type: "S" },
        billing: { mode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 1 },
      },
    },
    queues: { Incoming: {} },
    functions: {
      record: {
        handler: variant === "buggy" ? "src/record.ts#handler" : "src/record.ts#handlerCommitFirst",
        environment: { ORDERS_TABLE: tableName("Orders"), INCOMING_QUEUE_URL: queueUrl("Incoming") },
        events: [{ queue: "Incoming", batchSize: 10, reportBatchItemFailures: variant !== "buggy" }],
      },
    },
  });
}

const noOrderLost: Invariant = {
  name: "every accepted order saved",
  async check({ target }) {
    const saved = new Set((await target.scan("Orders")).map((o) => o.orderId));
    return (await target.scan("Accepted"))
      .filter((order) => !saved.has(order.orderId))
      .map((order) => ({
        message: `order ${String(order.orderId)} was accepted but never saved`,
        items: [order],
      }));
  },
};

export default defineConfig({
  app: ackBeforeCommitApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    burst: {
      description: "1 to 10 orders accepted at once, more than Orders' write capacity",
      async run({ target }) {
        const count = drawCount(10);
        const orders = Array.from({ length: count }, (_, i) => ({ orderId: `o-${i + 1}`, qty: 1 }));
        for (const order of orders) await target.putItem("Accepted", order);
        await Promise.all(orders.map((o) => target.sendMessage("Incoming", JSON.stringify(o))));
      },
    },
  },
  invariants: [noOrderLost],
  explore: {
    scenarios: ["burst"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, drawRare } from "../checks.ts";

/**
 * Planted bug: a poison record blocks its stream shard. With the mapping's defaults Lambda retries
 * a failing batch until its records expire (24 h), and nothing behind it is processed; the fixed
 * mapping gives up after two retries, bisecting to isolate the record, and reports it to on-call.
 *
 * @example await using cloud = await simulate(poisonShardApp("buggy"), { seed: 1 });
 */
export function poisonShardApp(variant: string) {
  return defineApp({
    name: `planted-poison-shard-${variant}`,
    root: import.meta.dirname,
    tables: {
      Orders: { partitionKey: { name: "orderId", type: "S" }, stream: "NEW_IMAGE" },
      OrderView: { partitionKey: { name: "orderId", type: "S" } },
      Incidents: { partitionKey: { name: "incidentId", type: "S" } },
    },
    queues: { ProjectionFailures: {} },
    functions: {
      project: {
        handler: "src/project.ts#handler",
        environment: { ORDER_VIEW_TABLE: tableName("OrderView") },
        events: [
          variant === "buggy"
            ? { stream: "Orders", batchSize: 10 }
            : {
                stream: "Orders",
                batchSize: 10,
                maximumRetryAttempts: 2,
                bisectBatchOnFunctionError: true,
                onFailure: { queue: "ProjectionFailures" },
              },
        ],
      },
      pageOnCall: {
        handler: "src/page-on-call.ts#handler",
        environment: { INCIDENTS_TABLE: tableName("Incidents") },
        events: [{ queue: "ProjectionFailures" }],
      },
    },
  });
}

const MAX_LAG_MS = 5 * 60_000;

const projectedPromptly: Invariant = {
  name: "every valid order projected within 5 minutes",
  description: "liveness: a bad record may be set aside, but must not hold up the ones behind it",
  async check({ target }) {
    const view = new Map((await target.scan("OrderView")).map((o) => [o.orderId, o]));
    const violations = [];
    for (const order of await target.scan("Orders")) {
      if (typeof order.total !== "number") continue;
      const projectedAtMs = view.get(order.orderId)?.projectedAtMs as number | undefined;
      if (projectedAtMs === undefined || projectedAtMs - (order.placedAtMs as number) > MAX_LAG_MS)
        violations.push({
          message: `order ${String(order.orderId)} ${projectedAtMs === undefined ? "never projected" : `projected ${Math.round((projectedAtMs - (order.placedAtMs as number)) / 60_000)} min late`}`,
          items: [order],
        });
    }
    return violations;
  },
};

export default defineConfig({
  app: poisonShardApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    orders: {
      description: "1 to 10 orders, one a second; an old client writes some without a total",
      async run({ target }) {
        const count = drawCount(10);
        for (let i = 1; i <= count; i++) {
          const total = drawRare(0.2) ? {} : { total: 5 * i };
          await target.putItem("Orders", { orderId: `o-${i}`, placedAtMs: target.nowMs(), ...total });
          await target.advance(1_000);
        }
      },
    },
  },
  invariants: [projectedPromptly],
  explore: {
    scenarios: ["orders"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

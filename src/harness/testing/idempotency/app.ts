import { defineApp } from "../../../app/define-app.ts";
import { tableName } from "../../../app/refs.ts";

// The harness may not import src/public (layers), so the app is built with defineApp directly.
const environment = {
  RESERVATIONS_TABLE: tableName("Reservations"),
  IDEMPOTENCY_TABLE: tableName("Idempotency"),
};

/**
 * A tiny reservation service in several versions: `naive*` reserves on every delivery; `safe*`
 * uses Powertools idempotency (a DynamoDB table with a TTL), so a repeated order returns its
 * first result; `conditionalOrder` writes once but answers a new confirmation each time;
 * `rejectDuplicate` writes once and fails every repeat. `*Order` is invoked directly with an
 * order, `*Batch` reads the Orders queue.
 */
export const reservationsApp = defineApp({
  name: "idempotency-fixture",
  root: import.meta.dirname,
  tables: {
    Reservations: { partitionKey: { name: "reservationId", type: "S" } },
    Idempotency: { partitionKey: { name: "id", type: "S" }, ttlAttribute: "expiration" },
  },
  queues: { Orders: { visibilityTimeoutSeconds: 20 } },
  functions: {
    naiveOrder: { handler: "naive.ts#reserveOrder", environment },
    safeOrder: { handler: "safe.ts#reserveOrder", environment },
    conditionalOrder: { handler: "conditional.ts#reserveOrder", environment },
    rejectDuplicate: { handler: "conditional.ts#rejectDuplicate", environment },
    naiveBatch: {
      handler: "naive.ts#reserveBatch",
      environment,
      events: [{ queue: "Orders", reportBatchItemFailures: true }],
    },
    safeBatch: {
      handler: "safe.ts#reserveBatch",
      environment,
      events: [{ queue: "Orders", reportBatchItemFailures: true }],
    },
  },
});

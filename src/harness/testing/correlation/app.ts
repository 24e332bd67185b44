import { defineApp } from "../../../app/define-app.ts";
import { tableName, topicArn } from "../../../app/refs.ts";

/**
 * A small choreography for the correlation tests: Orders → reserve → Stock stream → announce →
 * Changes, which notifies `notify` and feeds the Restock queue, read by `restock`, which raises
 * an alert on Alerts. In the `lossy` app, restock drops the correlation id.
 */
export function correlationApp(variant: "careful" | "lossy") {
  return defineApp({
    name: `correlation-${variant}`,
    root: import.meta.dirname,
    tables: {
      Stock: { partitionKey: { name: "sku", type: "S" }, stream: "NEW_AND_OLD_IMAGES" },
      Notes: { partitionKey: { name: "id", type: "S" } },
    },
    queues: { Orders: { visibilityTimeoutSeconds: 5 }, Restock: {} },
    topics: {
      Changes: { subscriptions: [{ function: "notify" }, { queue: "Restock" }] },
      Alerts: {},
    },
    functions: {
      reserve: {
        handler: "handlers.ts#reserve",
        environment: { STOCK_TABLE: tableName("Stock") },
        events: [{ queue: "Orders", batchSize: 1 }],
      },
      announce: {
        handler: "handlers.ts#announce",
        environment: { CHANGES_TOPIC: topicArn("Changes") },
        events: [{ stream: "Stock" }],
      },
      notify: { handler: "handlers.ts#notify", environment: { NOTES_TABLE: tableName("Notes") } },
      echo: { handler: "handlers.ts#echo" },
      restock: {
        handler: "handlers.ts#restock",
        environment: {
          ALERTS_TOPIC: topicArn("Alerts"),
          COPY_CORRELATION_ID: variant === "careful" ? "yes" : "no",
        },
        events: [{ queue: "Restock" }],
      },
    },
  });
}

/** The flow every order should take through {@link correlationApp}. */
export const CORRELATION_FLOW = [
  "Orders → reserve → Stock stream → announce → Changes → notify → Notes",
  "Changes → Restock → restock → Alerts",
].join("\n");

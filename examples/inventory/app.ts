import { queueUrl, tableName, topicArn } from "../../src/app/refs.ts";
import { defineApp } from "../../src/public/index.ts";

/** Which reserveStock the app runs: the first version a team writes, or the idempotent one. */
export type Variant = "naive" | "safe";

const tables = {
  names: { INVENTORY_TABLE: tableName("Inventory"), RESERVATIONS_TABLE: tableName("Reservations") },
};

/**
 * The seed's retail system: orders arrive on a queue, reserveStock reserves stock, every stock
 * change flows through the Inventory stream to the StockEvents topic, which feeds a
 * Replenishment queue (low stock only) and notifies shipping.
 */
export function inventoryApp(variant: Variant) {
  return defineApp({
    name: `inventory-${variant}`,
    root: import.meta.dirname,
    tables: {
      Inventory: { partitionKey: { name: "sku", type: "S" }, stream: "NEW_AND_OLD_IMAGES" },
      Reservations: { partitionKey: { name: "reservationId", type: "S" } },
      Idempotency: { partitionKey: { name: "id", type: "S" }, ttlAttribute: "expiration" },
      Notifications: { partitionKey: { name: "notificationId", type: "S" } },
      Reorders: { partitionKey: { name: "sku", type: "S" } },
    },
    queues: {
      Orders: { visibilityTimeoutSeconds: 30, deadLetter: { queue: "OrdersDLQ", maxReceiveCount: 5 } },
      OrdersDLQ: {},
      Replenishment: {},
    },
    topics: {
      StockEvents: {
        subscriptions: [
          { queue: "Replenishment", filterPolicy: { lowStock: ["true"] } },
          { function: "notifyShipping" },
        ],
      },
    },
    functions: {
      reserveStock: {
        handler: variant === "naive" ? "src/reserve-naive.ts#handler" : "src/reserve-safe.ts#handler",
        timeoutSeconds: 10,
        environment: { ...tables.names, IDEMPOTENCY_TABLE: tableName("Idempotency") },
        events: [{ queue: "Orders", batchSize: 10, reportBatchItemFailures: true }],
      },
      publishStockChange: {
        handler: "src/publish-stock-change.ts#handler",
        environment: { STOCK_EVENTS_TOPIC: topicArn("StockEvents"), LOW_STOCK_THRESHOLD: "5" },
        events: [{ stream: "Inventory", batchSize: 100 }],
      },
      notifyShipping: {
        handler: "src/notify-shipping.ts#handler",
        environment: { NOTIFICATIONS_TABLE: tableName("Notifications") },
      },
      reorder: {
        handler: variant === "naive" ? "src/reorder.ts#handler" : "src/reorder.ts#handlerInOrder",
        environment: { REORDERS_TABLE: tableName("Reorders"), ORDERS_QUEUE: queueUrl("Orders") },
        events: [{ queue: "Replenishment" }],
      },
    },
  });
}

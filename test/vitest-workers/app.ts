import path from "node:path";
import { defineApp, queueUrl, tableName, topicArn } from "squall";

/** The app the worker specs isolate: a table, a FIFO queue, a topic, a function referring to them. */
export const app = defineApp({
  name: "workers",
  root: path.join(import.meta.dirname, "../../src/targets/sim"),
  tables: { Records: { partitionKey: { name: "id", type: "S" } } },
  queues: { "Orders.fifo": { fifo: true } },
  topics: { Events: {} },
  functions: {
    record: {
      handler: "testing/handlers.ts#record",
      environment: {
        TABLE_NAME: tableName("Records"),
        ORDERS_URL: queueUrl("Orders.fifo"),
        EVENTS: topicArn("Events"),
      },
    },
  },
});

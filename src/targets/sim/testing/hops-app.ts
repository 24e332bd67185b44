import { defineApp } from "../../../app/define-app.ts";
import { functionName, tableName } from "../../../app/refs.ts";

/**
 * The app of the hops tests: a queue whose consumer fails each message once and then updates a
 * streamed table, and a function invoked directly that writes an item and invokes another.
 */
export const hopsApp = defineApp({
  name: "hops",
  root: import.meta.dirname,
  tables: {
    Records: { partitionKey: { name: "id", type: "S" } },
    Watched: { partitionKey: { name: "id", type: "S" }, stream: "NEW_AND_OLD_IMAGES" },
  },
  queues: { Inbox: { visibilityTimeoutSeconds: 5 } },
  functions: {
    flaky: {
      handler: "hop-handlers.ts#flaky",
      environment: { WATCHED_TABLE: tableName("Watched") },
      events: [{ queue: "Inbox", batchSize: 1 }],
    },
    watch: { handler: "hop-handlers.ts#watch", events: [{ stream: "Watched" }] },
    direct: {
      handler: "hop-handlers.ts#direct",
      environment: { RECORDS_TABLE: tableName("Records"), SINK_FUNCTION: functionName("sink") },
    },
    sink: { handler: "hop-handlers.ts#sink" },
  },
});

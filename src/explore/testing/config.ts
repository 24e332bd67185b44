import { defineApp } from "../../app/define-app.ts";
import { tableName } from "../../app/refs.ts";
import type { SquallConfig } from "../../targets/scenario.ts";

/** The counter app, its function's code in `handler` (`file#export`). */
export const counterApp = (handler = "counter.ts#handler") =>
  defineApp({
    name: "counter",
    root: import.meta.dirname,
    tables: { Counters: { partitionKey: { name: "id", type: "S" } } },
    queues: { Messages: {} },
    functions: {
      count: {
        handler,
        environment: { COUNTERS_TABLE: tableName("Counters") },
        events: [{ queue: "Messages", batchSize: 1 }],
      },
    },
  });

/** A queue consumer that is not idempotent: every duplicate delivery counts again. */
export const counterConfig: SquallConfig = {
  app: counterApp(),
  scenarios: {
    three: {
      async run({ target }) {
        for (const body of ["a", "b", "c"]) await target.sendMessage("Messages", body);
      },
    },
  },
  invariants: [
    {
      name: "every message counted once",
      async check({ target }) {
        const seen = (await target.getItem("Counters", { id: "messages" }))?.seen;
        return seen === 3 ? [] : [{ message: `counted ${String(seen)} messages, sent 3` }];
      },
    },
  ],
};

export default counterConfig;

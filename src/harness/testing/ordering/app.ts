import { defineApp } from "../../../app/define-app.ts";
import { tableName } from "../../../app/refs.ts";

const environment = { LEVELS_TABLE: tableName("Levels") };

/**
 * Stock-level updates stamped with sequence numbers, applied by four handlers: `conditional`
 * (a conditional write that drops an older update), `lastWriter` (whatever arrives last wins),
 * `strict` (refuses an older update with an error) and `parking` (holds an early update until
 * the ones before it arrive). Each keeps, per sku, the sequence the level reflects and the
 * sequences applied in order.
 */
export const levelsApp = defineApp({
  name: "ordering-fixture",
  root: import.meta.dirname,
  tables: { Levels: { partitionKey: { name: "sku", type: "S" } } },
  functions: {
    conditional: { handler: "handlers.ts#conditional", environment },
    lastWriter: { handler: "handlers.ts#lastWriter", environment },
    strict: { handler: "handlers.ts#strict", environment },
    parking: { handler: "handlers.ts#parking", environment },
  },
});

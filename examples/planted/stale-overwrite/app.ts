import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount } from "../checks.ts";

/**
 * Planted bug: no sequence check, so an older event that arrives late overwrites newer state.
 *
 * @example await using cloud = await simulate(staleOverwriteApp("buggy"), { seed: 1 });
 */
export function staleOverwriteApp(variant: string) {
  return defineApp({
    name: `planted-stale-overwrite-${variant}`,
    root: import.meta.dirname,
    tables: {
      Shipments: { partitionKey: { name: "shipmentId", type: "S" }, stream: "NEW_AND_OLD_IMAGES" },
    },
    queues: { TrackingEvents: {} },
    functions: {
      track: {
        handler: variant === "buggy" ? "src/track.ts#handler" : "src/track.ts#handlerInOrder",
        environment: { SHIPMENTS_TABLE: tableName("Shipments") },
        events: [{ queue: "TrackingEvents" }],
      },
    },
  });
}

const STATUSES = ["label-created", "picked-up", "in-transit", "out-for-delivery", "delivered"];

const neverGoesBack: Invariant = {
  name: "a shipment's status never goes back",
  // Every step the stream recorded, not only the final state: a late event may be overwritten again.
  async check({ target }) {
    return (await target.tableChanges("Shipments"))
      .filter((c) => (c.newImage?.seq as number) < (c.oldImage?.seq as number))
      .map((c) => ({
        message: `shipment ${String(c.keys.shipmentId)} went from ${String(c.oldImage?.status)} back to ${String(c.newImage?.status)}`,
        items: [c.oldImage, c.newImage],
      }));
  },
};

export default defineConfig({
  app: staleOverwriteApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    tracking: {
      description: "1 to 3 shipments, each with 1 to 5 tracking events sent in order",
      async run({ target }) {
        const shipments = drawCount(3);
        for (let s = 1; s <= shipments; s++) {
          const events = drawCount(STATUSES.length);
          for (let seq = 1; seq <= events; seq++) {
            const tracking = { shipmentId: `s-${s}`, seq, status: STATUSES[seq - 1] };
            await target.sendMessage("TrackingEvents", JSON.stringify(tracking));
          }
        }
      },
    },
  },
  invariants: [neverGoesBack],
  explore: {
    scenarios: ["tracking"],
    faults: { sqs: { reorderWindowMs: 2_000 } },
    runs: 20,
  },
});

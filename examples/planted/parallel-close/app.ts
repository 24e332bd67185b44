import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { groupBy } from "../checks.ts";

/**
 * Planted bug: a stream batch applied in parallel loses the stream's order. A meetup's RSVPs and
 * then its organiser's "close RSVPs" land in one batch; the buggy consumer applies them all at
 * once, so the close may count the attendees before any RSVP is stored, and cancel the meetup.
 *
 * The window is one ordering among many simultaneous calls: the close's count must run before
 * every one of the batch's RSVP writes. A random tie-break puts it first once in `RSVPS + 1`
 * schedules; PCT, which ranks kinds of call (`DynamoDB.Query` against `DynamoDB.PutItem`), about
 * once in two.
 *
 * @example await using cloud = await simulate(parallelCloseApp("buggy"), { seed: 1 });
 */
export function parallelCloseApp(variant: string) {
  return defineApp({
    name: `planted-parallel-close-${variant}`,
    root: import.meta.dirname,
    tables: {
      Activity: { partitionKey: { name: "activityId", type: "S" }, stream: "NEW_IMAGE" },
      Attendees: { partitionKey: { name: "meetupId", type: "S" }, sortKey: { name: "name", type: "S" } },
      Meetups: { partitionKey: { name: "meetupId", type: "S" } },
    },
    functions: {
      roster: {
        handler: variant === "buggy" ? "src/roster.ts#handler" : "src/roster.ts#handlerInOrder",
        environment: { ATTENDEES_TABLE: tableName("Attendees"), MEETUPS_TABLE: tableName("Meetups") },
        // One batch holds the whole story: the window outlasts the front end's writes.
        events: [{ stream: "Activity", batchSize: 100, maximumBatchingWindowSeconds: 2 }],
      },
    },
  });
}

/** A busy meetup: enough simultaneous RSVP writes that a random tie-break rarely runs the close first. */
const RSVPS = 40;

const neverCancelledWithAttendees: Invariant = {
  name: "a meetup with RSVPs is never cancelled",
  async check({ target }) {
    const rsvps = groupBy(
      (await target.scan("Activity")).filter((a) => a.kind === "rsvp"),
      "meetupId",
    );
    return (await target.scan("Meetups"))
      .filter((m) => m.status === "cancelled" && (rsvps.get(m.meetupId)?.length ?? 0) > 0)
      .map((m) => ({
        message: `meetup ${String(m.meetupId)} cancelled with ${rsvps.get(m.meetupId)?.length} RSVPs`,
        items: [m],
      }));
  },
};

export default defineConfig({
  app: parallelCloseApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    rsvps: {
      description: `${RSVPS} people RSVP to a meetup, then the organiser closes its RSVPs`,
      async run({ target }) {
        for (let i = 1; i <= RSVPS; i++)
          await target.putItem("Activity", {
            activityId: `a-${i}`,
            kind: "rsvp",
            meetupId: "m-1",
            name: `guest-${i}`,
          });
        await target.putItem("Activity", { activityId: "a-close", kind: "close", meetupId: "m-1" });
      },
    },
  },
  invariants: [neverCancelledWithAttendees],
  explore: {
    scenarios: ["rsvps"],
    // Not a fault: every DynamoDB call takes exactly 5 ms, so the batch's calls all arrive at
    // once and which runs first is the scheduler's choice alone, not a latency draw's.
    faults: { dynamodb: { latencyMsMin: 5, latencyMsMax: 5 } },
    runs: 20,
  },
});

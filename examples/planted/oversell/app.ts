import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, sumOf } from "../checks.ts";

/**
 * Planted bug: check-then-act. Booking requests for a small concert arrive at once; Lambda
 * processes them in parallel batches, and the buggy handler reads the seats left before it writes.
 *
 * @example await using cloud = await simulate(oversellApp("buggy"), { seed: 1 });
 */
export function oversellApp(variant: string) {
  return defineApp({
    name: `planted-oversell-${variant}`,
    root: import.meta.dirname,
    tables: {
      Concerts: { partitionKey: { name: "concertId", type: "S" } },
      Bookings: { partitionKey: { name: "bookingId", type: "S" } },
    },
    queues: { BookingRequests: {} },
    functions: {
      book: {
        handler: `src/book-${variant}.ts#handler`,
        environment: { CONCERTS_TABLE: tableName("Concerts"), BOOKINGS_TABLE: tableName("Bookings") },
        // One request per batch: Lambda's five pollers run them side by side.
        events: [{ queue: "BookingRequests", batchSize: 1 }],
      },
    },
  });
}

const CAPACITY = 2;

const neverOversold: Invariant = {
  name: "seats booked never above capacity",
  async check({ target }) {
    const booked = sumOf(await target.scan("Bookings"), "seats");
    return booked > CAPACITY
      ? [{ message: `${booked} seats booked of ${CAPACITY}`, items: await target.scan("Bookings") }]
      : [];
  },
};

export default defineConfig({
  app: oversellApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    rush: {
      description: "1 to 8 fans ask for 1 or 2 of the concert's 2 seats at the same moment",
      async run({ target }) {
        await target.putItem("Concerts", { concertId: "c-1", seatsLeft: CAPACITY });
        const requests = Array.from({ length: drawCount(8) }, (_, i) => ({
          bookingId: `b-${i + 1}`,
          concertId: "c-1",
          seats: drawCount(2),
        }));
        await Promise.all(requests.map((r) => target.sendMessage("BookingRequests", JSON.stringify(r))));
      },
    },
  },
  invariants: [neverOversold],
  explore: {
    scenarios: ["rush"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

import { defineApp, defineConfig, type Hop, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount } from "../checks.ts";

/**
 * Planted bug: a retry storm under throttling. Readings arrive in a burst bigger than the
 * Readings table's provisioned 2 writes a second; the buggy consumer retries in a tight loop
 * without back-off, multiplying the load on a table that is already refusing it.
 *
 * @example await using cloud = await simulate(retryStormApp("buggy"), { seed: 1 });
 */
export function retryStormApp(variant: string) {
  return defineApp({
    name: `planted-retry-storm-${variant}`,
    root: import.meta.dirname,
    tables: {
      Readings: {
        partitionKey: { name: "readingId", type: "S" },
        billing: { mode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 2 },
      },
    },
    queues: { Telemetry: {} },
    functions: {
      ingest: {
        handler: variant === "buggy" ? "src/ingest.ts#handler" : "src/ingest.ts#handlerBackingOff",
        environment: { READINGS_TABLE: tableName("Readings") },
        timeoutSeconds: 30,
        events: [{ queue: "Telemetry", batchSize: 10, reportBatchItemFailures: variant !== "buggy" }],
      },
    },
  });
}

/**
 * Requests a write hop stands for: each of the SDK's attempts where the target reports them
 * (hops do not carry `attempts` yet; until they do, an SDK call counts as one request, which
 * undercounts the fixed twin's adaptive retries — about 2.3 requests per reading in the trace).
 */
function requestsOf(hop: Hop): number {
  const attempts = (hop as Hop & { attempts?: number }).attempts;
  return typeof attempts === "number" ? attempts : 1;
}

const MAX_REQUESTS_PER_READING = 4;

const boundedAmplification: Invariant = {
  name: "at most 4 write requests per reading stored",
  description: "retries may multiply the load on a throttled table only so far",
  async check({ target }) {
    const writes = (await target.hops()).filter(
      (h) => h.kind === "write" && h.to === "Readings" && h.from !== "test",
    );
    const requests = writes.reduce((sum, hop) => sum + requestsOf(hop), 0);
    const stored = (await target.scan("Readings")).length;
    return requests > MAX_REQUESTS_PER_READING * Math.max(stored, 1)
      ? [{ message: `${requests} write requests to store ${stored} readings` }]
      : [];
  },
};

export default defineConfig({
  app: retryStormApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    burst: {
      description: "1 to 60 sensors report at the same moment",
      async run({ target }) {
        const count = drawCount(60);
        await Promise.all(
          Array.from({ length: count }, (_, i) =>
            target.sendMessage(
              "Telemetry",
              JSON.stringify({ readingId: `r-${i + 1}`, celsius: 20 + (i % 7) }),
            ),
          ),
        );
      },
    },
  },
  invariants: [boundedAmplification],
  explore: {
    scenarios: ["burst"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, drawRare, groupBy } from "../checks.ts";

const VISIBILITY_TIMEOUT_SECONDS = 120;

/**
 * Planted bug: the idempotency record expires before the redelivery arrives. Records are kept
 * 60 s while a failed batch comes back after the 120 s visibility timeout; the fixed twin keeps
 * them a day, longer than every redelivery (visibility timeout × maxReceiveCount).
 *
 * @example await using cloud = await simulate(ttlVsVisibilityApp("buggy"), { seed: 1 });
 */
export function ttlVsVisibilityApp(variant: string) {
  return defineApp({
    name: `planted-ttl-vs-visibility-${variant}`,
    root: import.meta.dirname,
    tables: {
      Charges: { partitionKey: { name: "chargeId", type: "S" } },
      Idempotency: { partitionKey: { name: "id", type: "S" }, ttlAttribute: "expiresAt" },
    },
    queues: {
      Payments: {
        visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
        deadLetter: { queue: "PaymentsDLQ", maxReceiveCount: 3 },
      },
      PaymentsDLQ: {},
    },
    functions: {
      charge: {
        handler: "src/charge.ts#handler",
        environment: {
          CHARGES_TABLE: tableName("Charges"),
          IDEMPOTENCY_TABLE: tableName("Idempotency"),
          IDEMPOTENCY_TTL_SECONDS: variant === "buggy" ? "60" : String(24 * 3600),
        },
        events: [{ queue: "Payments", batchSize: 10, maximumConcurrency: 2 }],
      },
    },
  });
}

const chargedOnce: Invariant = {
  name: "every payment charged at most once",
  async check({ target }) {
    return [...groupBy(await target.scan("Charges"), "paymentId")]
      .filter(([, charges]) => charges.length > 1)
      .map(([paymentId, charges]) => ({
        message: `payment ${String(paymentId)} charged ${charges.length} times`,
        items: charges,
      }));
  },
};

export default defineConfig({
  app: ttlVsVisibilityApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    payments: {
      description: "1 to 10 payments at once; the provider refuses some currencies",
      async run({ target }) {
        const count = drawCount(10);
        const payments = Array.from({ length: count }, (_, i) => ({
          paymentId: `pay-${i + 1}`,
          amount: 10 * (i + 1),
          currency: drawRare(0.2) ? "XTS" : "EUR",
        }));
        await Promise.all(payments.map((p) => target.sendMessage("Payments", JSON.stringify(p))));
      },
    },
  },
  invariants: [chargedOnce],
  // Refused payments end in PaymentsDLQ by design, for a person to review.
  liveness: { allowDeadLetters: true },
  explore: {
    scenarios: ["payments"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

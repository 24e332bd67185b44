import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, drawRare } from "../checks.ts";

/**
 * Planted bug: a wrong id in a partial batch response. Invoices that cannot be posted should be
 * retried and then dead-lettered (and parked); the buggy handler names the wrong message.
 *
 * @example await using cloud = await simulate(wrongBatchIdApp("buggy"), { seed: 1 });
 */
export function wrongBatchIdApp(variant: string) {
  return defineApp({
    name: `planted-wrong-batch-id-${variant}`,
    root: import.meta.dirname,
    tables: {
      // The billing system's record of each run: how many invoices it sent.
      BillingRuns: { partitionKey: { name: "runId", type: "S" } },
      Ledger: { partitionKey: { name: "invoiceId", type: "S" } },
      Parked: { partitionKey: { name: "invoiceId", type: "S" } },
    },
    queues: {
      Invoices: { deadLetter: { queue: "InvoicesDLQ", maxReceiveCount: 3 } },
      InvoicesDLQ: {},
    },
    functions: {
      post: {
        handler: variant === "buggy" ? "src/post.ts#handler" : "src/post.ts#handlerById",
        environment: { LEDGER_TABLE: tableName("Ledger") },
        // Two batches at a time, to spare the ledger: a burst queues up into bigger batches.
        events: [{ queue: "Invoices", batchSize: 10, maximumConcurrency: 2, reportBatchItemFailures: true }],
      },
      park: {
        handler: "src/park.ts#handler",
        environment: { PARKED_TABLE: tableName("Parked") },
        events: [{ queue: "InvoicesDLQ" }],
      },
    },
  });
}

const noInvoiceLost: Invariant = {
  name: "every invoice posted or parked",
  async check({ target }) {
    const accounted = new Set(
      [...(await target.scan("Ledger")), ...(await target.scan("Parked"))].map((i) => i.invoiceId),
    );
    const violations = [];
    for (const run of await target.scan("BillingRuns"))
      for (let i = 1; i <= (run.invoices as number); i++)
        if (!accounted.has(`inv-${i}`))
          violations.push({ message: `invoice inv-${i} was neither posted nor parked`, items: [run] });
    return violations;
  },
};

export default defineConfig({
  app: wrongBatchIdApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    invoices: {
      description: "a billing run sends 1 to 10 invoices at once; some have no customer and cannot be posted",
      async run({ target }) {
        const count = drawCount(10);
        await target.putItem("BillingRuns", { runId: "run-1", invoices: count });
        const invoices = Array.from({ length: count }, (_, i) => ({
          invoiceId: `inv-${i + 1}`,
          amount: 10 * (i + 1),
          ...(drawRare(0.25) ? {} : { customerId: `cust-${(i % 3) + 1}` }),
        }));
        await Promise.all(invoices.map((i) => target.sendMessage("Invoices", JSON.stringify(i))));
      },
    },
  },
  invariants: [noInvoiceLost],
  explore: {
    scenarios: ["invoices"],
    // No injected faults: the app's own behaviour exposes the bug.
    faults: {},
    runs: 20,
  },
});

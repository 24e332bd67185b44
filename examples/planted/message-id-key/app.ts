import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, drawRare, groupBy, sumOf } from "../checks.ts";

/**
 * Planted bug: the idempotency key is the message id, not the business key. The shop retries a
 * purchase event whose send timed out, which makes a second message with its own id.
 *
 * @example await using cloud = await simulate(messageIdKeyApp("buggy"), { seed: 1 });
 */
export function messageIdKeyApp(variant: string) {
  return defineApp({
    name: `planted-message-id-key-${variant}`,
    root: import.meta.dirname,
    tables: {
      // The shop's own record of each purchase: the points must add up to these.
      Purchases: { partitionKey: { name: "purchaseId", type: "S" } },
      Accounts: { partitionKey: { name: "accountId", type: "S" } },
      Processed: { partitionKey: { name: "key", type: "S" } },
    },
    queues: { PurchaseEvents: {} },
    functions: {
      award: {
        handler: variant === "buggy" ? "src/award.ts#handler" : "src/award.ts#handlerByPurchase",
        environment: { ACCOUNTS_TABLE: tableName("Accounts"), PROCESSED_TABLE: tableName("Processed") },
        events: [{ queue: "PurchaseEvents" }],
      },
    },
  });
}

const pointsMatchPurchases: Invariant = {
  name: "every account's points equal its purchases",
  async check({ target }) {
    const purchases = groupBy(await target.scan("Purchases"), "accountId");
    const violations = [];
    for (const account of await target.scan("Accounts")) {
      const expected = sumOf(purchases.get(account.accountId) ?? [], "points");
      if (account.points !== expected)
        violations.push({
          message: `account ${String(account.accountId)} has ${String(account.points)} points, purchases earn ${expected}`,
          items: [account],
        });
    }
    return violations;
  },
};

export default defineConfig({
  app: messageIdKeyApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    purchases: {
      description: "1 to 10 purchases; the shop sends some twice (a retry after a timeout)",
      async run({ target }) {
        const count = drawCount(10);
        for (let i = 1; i <= count; i++) {
          const purchase = { purchaseId: `p-${i}`, accountId: `a-${drawCount(2)}`, points: i };
          await target.putItem("Purchases", purchase);
          await target.sendMessage("PurchaseEvents", JSON.stringify(purchase));
          if (drawRare(0.3)) await target.sendMessage("PurchaseEvents", JSON.stringify(purchase));
        }
      },
    },
  },
  invariants: [pointsMatchPurchases],
  explore: {
    scenarios: ["purchases"],
    faults: { sqs: { duplicateDeliveryProbability: 0.1 } },
    runs: 20,
  },
});

import { defineApp, defineConfig, type Invariant, tableName } from "../../../src/public/index.ts";
import { drawCount, groupBy, sumOf } from "../checks.ts";

/**
 * Planted bug: a consumer that is not idempotent, on a queue that delivers at least once.
 *
 * @example await using cloud = await simulate(duplicateDeliveryApp("buggy"), { seed: 1 });
 */
export function duplicateDeliveryApp(variant: string) {
  return defineApp({
    name: `planted-duplicate-delivery-${variant}`,
    root: import.meta.dirname,
    tables: {
      // What the bank's front end accepted: the truth the wallets must add up to.
      Deposits: { partitionKey: { name: "depositId", type: "S" } },
      Wallets: { partitionKey: { name: "walletId", type: "S" } },
      Applied: { partitionKey: { name: "depositId", type: "S" } },
    },
    queues: { DepositRequests: {} },
    functions: {
      deposit: {
        handler: variant === "buggy" ? "src/deposit.ts#handler" : "src/deposit.ts#handlerOnce",
        environment: { WALLETS_TABLE: tableName("Wallets"), APPLIED_TABLE: tableName("Applied") },
        events: [{ queue: "DepositRequests" }],
      },
    },
  });
}

const balancesMatchDeposits: Invariant = {
  name: "every wallet's balance equals its deposits",
  async check({ target }) {
    const deposits = groupBy(await target.scan("Deposits"), "walletId");
    const violations = [];
    for (const wallet of await target.scan("Wallets")) {
      const expected = sumOf(deposits.get(wallet.walletId) ?? [], "amount");
      if (wallet.balance !== expected)
        violations.push({
          message: `wallet ${String(wallet.walletId)} holds ${String(wallet.balance)}, deposits add up to ${expected}`,
          items: [wallet],
        });
    }
    return violations;
  },
};

export default defineConfig({
  app: duplicateDeliveryApp,
  variants: ["buggy", "fixed"],
  scenarios: {
    deposits: {
      description: "1 to 10 deposits into 1 to 3 wallets; the queue may deliver any of them twice",
      async run({ target }) {
        const wallets = drawCount(3);
        const count = drawCount(10);
        for (let i = 1; i <= count; i++) {
          const deposit = { depositId: `d-${i}`, walletId: `w-${drawCount(wallets)}`, amount: 10 * i };
          await target.putItem("Deposits", deposit);
          await target.sendMessage("DepositRequests", JSON.stringify(deposit));
        }
      },
    },
  },
  invariants: [balancesMatchDeposits],
  explore: {
    scenarios: ["deposits"],
    faults: { sqs: { duplicateDeliveryProbability: 0.2 } },
    runs: 20,
  },
});

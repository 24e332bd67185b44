import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import { tableName } from "../../app/refs.ts";
import type { FaultPlan } from "../../faults/plan.ts";
import type { Invariant, Scenario, SquallConfig } from "../scenario.ts";
import { runScenario } from "./run-scenario.ts";

const env = { TABLE_NAME: tableName("Stock") };
const app = defineApp({
  name: "stepchecks",
  root: import.meta.dirname,
  tables: { Stock: { partitionKey: { name: "sku", type: "S" } } },
  queues: { Restocks: { visibilityTimeoutSeconds: 120 }, Sales: { visibilityTimeoutSeconds: 30 } },
  functions: {
    oversellThenRestock: {
      handler: "testing/step-handlers.ts#oversellThenRestock",
      environment: env,
      timeoutSeconds: 60,
      events: [{ queue: "Restocks" }],
    },
    sellOne: { handler: "testing/step-handlers.ts#sellOne", environment: env, events: [{ queue: "Sales" }] },
  },
});

const stockNeverNegative = (checkEveryStep: boolean): Invariant => ({
  name: "stock never below zero",
  checkEveryStep,
  async check({ target }) {
    const negative = (await target.scan("Stock")).filter((item) => (item.stock as number) < 0);
    return negative.map((item) => ({ message: `${String(item.sku)} at stock ${String(item.stock)}` }));
  },
});

// The scenario itself oversells for a minute, then restocks.
const oversoldForAMinute: Scenario = {
  async run({ target }) {
    await target.putItem("Stock", { sku: "A", stock: 2 });
    await target.advance(1_000);
    await target.putItem("Stock", { sku: "A", stock: -1 });
    await target.advance(60_000);
    await target.putItem("Stock", { sku: "A", stock: 3 });
  },
};

// The scenario only sends; the consumer oversells and restocks in the fault phase.
const consumerOversells: Scenario = {
  async run({ target }) {
    await target.sendMessage("Restocks", "B");
  },
};

const run = (scenario: Scenario, invariants: Invariant[], seed = 1, faults: FaultPlan = {}) =>
  runScenario({ app, scenarios: { only: scenario }, invariants } satisfies SquallConfig, {
    app,
    scenario: "only",
    variant: undefined,
    seed,
    simulation: { faults },
  });

describe("invariants checked after every step", () => {
  it("catch a state wrong for a minute that the end-only check misses, and name the step", async () => {
    const endOnly = await run(oversoldForAMinute, [stockNeverNegative(false)]);
    expect(endOnly).toMatchObject({ passed: true, violations: [] });
    expect(endOnly.brokeAt).toBeUndefined();

    const everyStep = await run(oversoldForAMinute, [stockNeverNegative(true)]);
    expect(everyStep.passed).toBe(false);
    expect(everyStep.violations).toEqual([{ invariant: "stock never below zero", message: "A at stock -1" }]);
    expect(everyStep.brokeAt).toMatchObject({ phase: "scenario", action: "DynamoDB.PutItem" });
    // The second write lands one call latency (2–8 ms) after the first advance; the run stops there.
    const at = everyStep.brokeAt?.virtualMs ?? 0;
    expect(at).toBeGreaterThan(1_000);
    expect(at).toBeLessThan(1_100);
    expect(everyStep.virtualMs).toBe(at);
    expect(endOnly.virtualMs).toBeGreaterThan(61_000);
  });

  it("check through the fault phase, where the system runs on after the scenario returned", async () => {
    expect((await run(consumerOversells, [stockNeverNegative(false)])).passed).toBe(true);
    const result = await run(consumerOversells, [stockNeverNegative(true)]);
    expect(result.violations.map((v) => v.message)).toEqual(["B at stock -1"]);
    expect(result.brokeAt).toMatchObject({ phase: "faults", action: "DynamoDB.PutItem" });
  });

  it("read with getItem too, and report only the step-checked invariants when a step stops the run", async () => {
    const viaGetItem: Invariant = {
      name: "A in stock",
      checkEveryStep: true,
      async check({ target }) {
        const item = await target.getItem("Stock", { sku: "A" });
        return item === undefined || (item.stock as number) >= 0
          ? []
          : [{ message: "A oversold", items: [item] }];
      },
    };
    const endOnly: Invariant = { name: "end only", check: () => [{ message: "checked at the end" }] };
    const result = await run(oversoldForAMinute, [endOnly, viaGetItem]);
    expect(result.violations).toEqual([
      { invariant: "A in stock", message: "A oversold", items: [{ sku: "A", stock: -1 }] },
    ]);
    // Without a step that breaks it, the end-of-run checks still run, step-checked ones included.
    const passing = await run(consumerOversells, [endOnly, { ...viaGetItem, name: "A fine" }]);
    expect(passing.violations.map((v) => v.invariant)).toEqual(["end only"]);
  });

  it("leave the run unchanged when nothing breaks: same trace, same choices, same outcome", async () => {
    const faults: FaultPlan = {
      sqs: { duplicateDeliveryProbability: 0.3, reorderWindowMs: 500 },
      lambda: { coldStartMsMin: 100, coldStartMsMax: 2_000, crashAfterSideEffectProbability: 0.2 },
    };
    const sales: Scenario = {
      async run({ target }) {
        for (const sku of ["A", "B", "C", "D"]) await target.sendMessage("Sales", sku);
        await target.invoke("sellOne", { Records: [] });
      },
    };
    for (const seed of [1, 2, 3]) {
      let checks = 0;
      const counted = (checkEveryStep: boolean): Invariant => ({
        ...stockNeverNegative(checkEveryStep),
        async check(context) {
          checks++;
          // A check's own draws come from a stream of the checks' own: the run's stay as they were.
          Math.random();
          crypto.randomUUID();
          return stockNeverNegative(checkEveryStep).check(context);
        },
      });
      const runWith = async (checkEveryStep: boolean) => {
        const seen = { choices: "" };
        const result = await runScenario(
          { app, scenarios: { only: sales }, invariants: [counted(checkEveryStep)] },
          {
            app,
            scenario: "only",
            variant: undefined,
            seed,
            simulation: { faults },
            inspect: (cloud) => {
              seen.choices = JSON.stringify(cloud.sim.choices.recording().choices);
            },
          },
        );
        return { ...result, wallMs: 0, choices: seen.choices };
      };
      const without = await runWith(false);
      const endChecks = checks;
      const withSteps = await runWith(true);
      expect(checks - endChecks).toBeGreaterThan(endChecks + 20);
      expect(withSteps.passed).toBe(true);
      expect(withSteps.fingerprint).toBe(without.fingerprint);
      expect(withSteps.choices).toBe(without.choices);
      expect(withSteps).toEqual(without);
    }
  });

  it("refuse an action from a step check, naming it and the invariant", async () => {
    const meddler: Invariant = {
      name: "meddler",
      checkEveryStep: true,
      async check({ target }) {
        await target.putItem("Stock", { sku: "Z", stock: 1 });
        return [];
      },
    };
    const result = await run(oversoldForAMinute, [meddler]);
    expect(result.error).toMatch(
      /^StepCheckRefusedError: putItem\("Stock"\) in the step check of invariant "meddler": a check between steps may only read/,
    );
  });

  it("refuse a step check that leaves a timer behind, which would run later as part of the run", async () => {
    const leaver: Invariant = {
      name: "leaves a timer",
      checkEveryStep: true,
      check() {
        setTimeout(() => {}, 10);
        return [];
      },
    };
    const result = await run(oversoldForAMinute, [leaver]);
    expect(result.error).toMatch(
      /^StepCheckRefusedError: a timer or SDK call started \(and not awaited\) after step 1 in the step check of invariant "leaves a timer"/,
    );
  });

  it("stop a step check that waits on something outside the simulation", async () => {
    const waiting: Invariant = {
      name: "waits forever",
      checkEveryStep: true,
      check: () => new Promise(() => {}),
    };
    const result = await run(oversoldForAMinute, [waiting]);
    expect(result.error).toMatch(/^StepCheckStalledError: the step check of "waits forever" after step 1 /);
  });

  it("name the invariant and the step when a step check throws", async () => {
    const broken: Invariant = {
      name: "typo",
      checkEveryStep: true,
      async check({ target }) {
        await target.getItem("Stock", { id: "A" });
        return [];
      },
    };
    const result = await run(oversoldForAMinute, [broken]);
    expect(result.error).toMatch(
      /^SquallError: getItem\("Stock"\) in the step check of invariant "typo": the key must give exactly the table's key attributes \(sku\), got \(id\)/,
    );
  });
});

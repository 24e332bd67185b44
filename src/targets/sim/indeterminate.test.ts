import { TooManyRequestsException } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import { tableName } from "../../app/refs.ts";
import type { FaultPlan } from "../../faults/plan.ts";
import type { Invariant, ScenarioContext, SquallConfig } from "../scenario.ts";
import { runScenario } from "./run-scenario.ts";
import { simulate } from "./simulated-cloud.ts";

const env = { TABLE_NAME: tableName("Records") };
const app = defineApp({
  name: "indeterminate",
  root: import.meta.dirname,
  tables: { Records: { partitionKey: { name: "id", type: "S" } } },
  functions: {
    record: { handler: "testing/handlers.ts#record", environment: env },
    recordThenWork: { handler: "testing/step-handlers.ts#recordThenWork", environment: env },
    refuses: { handler: "testing/handlers.ts#rejectStream", environment: env },
  },
});

// What the client was told succeeded, per run (runs are sequential; the seed names the run).
const acknowledged = new Map<number, Set<string>>();
const CALLS = 8;

const config = (invariant: Invariant, checkEveryStep = false, fn = "record"): SquallConfig => ({
  app,
  scenarios: {
    calls: {
      // Each call records one item; a crash after the write fails the call although it landed.
      async run({ target, seed }) {
        const told = new Set<string>();
        acknowledged.set(seed, told);
        for (let i = 0; i < CALLS; i++) {
          const result = await target.invoke(fn, { id: `call-${i}` });
          if (result.error === undefined) told.add(`call-${i}`);
        }
      },
    },
  },
  invariants: [{ ...invariant, checkEveryStep }],
});

const itemIds = async ({ target }: ScenarioContext) =>
  new Set((await target.scan("Records")).map((item) => String(item.id)));

// Naive: an item exactly for each call the client was told succeeded.
const naive: Invariant = {
  name: "one item per successful call",
  async check(context) {
    const items = await itemIds(context);
    const told = acknowledged.get(context.seed) ?? new Set();
    return items.size === told.size && [...told].every((id) => items.has(id))
      ? []
      : [{ message: `${items.size} items for ${told.size} successful calls` }];
  },
};

// As Jepsen checks: every acknowledged call landed, and every item is acknowledged or unknown.
const jepsen: Invariant = {
  name: "one item per successful call, either way for unknown ones",
  async check(context) {
    const items = await itemIds(context);
    const told = acknowledged.get(context.seed) ?? new Set();
    const unknown = new Set(context.indeterminate.map((op) => (op.event as { id: string }).id));
    const lost = [...told].filter((id) => !items.has(id));
    const extra = [...items].filter((id) => !told.has(id) && !unknown.has(id));
    return [...lost, ...extra].map((id) => ({
      message: `${id}: item ${items.has(id)}, acknowledged ${told.has(id)}`,
    }));
  },
};

const crashes: FaultPlan = { lambda: { crashAfterSideEffectProbability: 0.5 } };
const runSeed = (c: SquallConfig, seed: number, faults: FaultPlan = crashes) => {
  acknowledged.delete(seed);
  return runScenario(c, { app, scenario: "calls", variant: undefined, seed, simulation: { faults } });
};
const seeds = Array.from({ length: 12 }, (_, i) => i + 1);

describe("indeterminate outcomes", () => {
  it("a naive invariant fails under crashes after side effects; one that accepts unknown outcomes passes", async () => {
    const naiveFailures = [];
    for (const seed of seeds) if (!(await runSeed(config(naive), seed)).passed) naiveFailures.push(seed);
    expect(naiveFailures.length).toBeGreaterThanOrEqual(10);
    for (const seed of seeds) {
      const result = await runSeed(config(jepsen), seed);
      expect(result.violations, `seed ${seed}`).toEqual([]);
    }
  });

  it("lists calls in flight too, so a step check accepts an effect before its call answers", async () => {
    for (const seed of seeds.slice(0, 4)) {
      const result = await runSeed(config(jepsen, true, "recordThenWork"), seed);
      expect(result.brokeAt, `seed ${seed}`).toBeUndefined();
      expect(result.passed, `seed ${seed}`).toBe(true);
    }
    // Without the in-flight listing the step check would see the item before the acknowledgment.
    const inFlightBlind: Invariant = {
      ...jepsen,
      check: (context) =>
        jepsen.check({
          ...context,
          indeterminate: context.indeterminate.filter((op) => op.errorType !== undefined),
        }),
    };
    const blind = await runSeed(config(inFlightBlind, true, "recordThenWork"), 1, {});
    expect(blind.brokeAt?.phase).toBe("scenario");
  });

  it("records a crashed call's function, event, request id and error type", async () => {
    await using cloud = await simulate(app, {
      seed: 3,
      faults: { lambda: { crashAfterSideEffectProbability: 1 } },
    });
    const result = await cloud.invoke("record", { id: "a" });
    expect(cloud.indeterminate()).toEqual([
      {
        operation: "invoke",
        functionName: "record",
        event: { id: "a" },
        startMs: Date.UTC(2025, 0, 1),
        requestId: result.requestId,
        errorType: "Runtime.ExitError",
      },
    ]);
  });

  it("records a timed-out call as Sandbox.Timedout", async () => {
    await using cloud = await simulate(app, { seed: 3, faults: { lambda: { timeoutProbability: 1 } } });
    await cloud.invoke("record", { id: "t" });
    expect(cloud.indeterminate().map((op) => op.errorType)).toEqual(["Sandbox.Timedout"]);
  });

  it("leaves out definite outcomes: success, the handler's own error, a throttle, a dry run", async () => {
    await using cloud = await simulate(app, { seed: 3 });
    expect((await cloud.invoke("record", { id: "ok" })).error).toBeUndefined();
    expect((await cloud.invoke("refuses", {})).payload).toMatchObject({ errorType: "Error" });
    await cloud.invoke("record", {}, { invocationType: "DryRun" });
    expect(cloud.indeterminate()).toEqual([]);
    await using throttled = await simulate(app, { seed: 3, faults: { lambda: { throttleProbability: 1 } } });
    await expect(throttled.invoke("record", { id: "x" })).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(throttled.indeterminate()).toEqual([]);
  });

  it("lists a call while it is in flight, without a request id or error type yet", async () => {
    await using cloud = await simulate(app, { seed: 3 });
    const seen = await cloud.run(async () => {
      const call = cloud.invoke("record", { id: "slow" });
      const during = cloud.indeterminate().map((op) => [op.functionName, op.requestId, op.errorType]);
      await call;
      return { during, after: cloud.indeterminate() };
    });
    expect(seen).toEqual({ during: [["record", undefined, undefined]], after: [] });
  });
});

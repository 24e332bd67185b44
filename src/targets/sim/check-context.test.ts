import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import type { Invariant, Scenario, ScenarioContext, Sometimes, SquallConfig } from "../scenario.ts";
import { ReadOnlyTarget } from "./read-only-target.ts";
import { runScenario } from "./run-scenario.ts";

// Far from any real clock: a check that saw the real one could not match it by chance.
const EPOCH_MS = Date.UTC(2001, 0, 1);

const app = defineApp({
  name: "checkcontext",
  root: import.meta.dirname,
  tables: { Stock: { partitionKey: { name: "sku", type: "S" } } },
});

const writes: Scenario = {
  async run({ target }) {
    await target.putItem("Stock", { sku: "A", stock: 2 });
    await target.advance(1_000);
    await target.putItem("Stock", { sku: "B", stock: 1 });
  },
};

/** What a check saw of time and randomness, beside what the target says the virtual time is. */
interface Sample {
  readonly where: "step" | "end" | "sometimes";
  readonly dateNow: number;
  readonly newDate: string;
  readonly performanceNow: number;
  readonly random: number;
  readonly targetNowMs: number;
}

const sample = (where: Sample["where"], { target }: ScenarioContext): Sample => ({
  where,
  dateNow: Date.now(),
  newDate: new Date().toISOString(),
  performanceNow: performance.now(),
  random: Math.random(),
  targetNowMs: target.nowMs(),
});

async function run(
  seed: number,
  invariants: (seen: Sample[]) => Invariant[],
  sometimes: (seen: Sample[]) => Sometimes[] = () => [],
) {
  const seen: Sample[] = [];
  const config = {
    app,
    scenarios: { only: writes },
    invariants: invariants(seen),
    sometimes: sometimes(seen),
  } satisfies SquallConfig;
  const simulation = { startTimeMs: EPOCH_MS };
  const result = await runScenario(config, { app, scenario: "only", variant: undefined, seed, simulation });
  return { result, seen };
}

// Each sample is the simulation's own time, as the target reports it, and random draws are in range.
function expectVirtual(samples: readonly Sample[], endMs: number): void {
  for (const s of samples) {
    expect(s.dateNow).toBe(s.targetNowMs);
    expect(s.newDate).toBe(new Date(s.dateNow).toISOString());
    expect(s.performanceNow).toBe(s.dateNow - EPOCH_MS);
    expect(s.dateNow).toBeGreaterThanOrEqual(EPOCH_MS);
    expect(s.dateNow).toBeLessThanOrEqual(EPOCH_MS + endMs);
    expect(s.random).toBeGreaterThanOrEqual(0);
    expect(s.random).toBeLessThan(1);
  }
}

describe("checks run inside the simulation", () => {
  it("a step check sees the virtual clock, stopped while it runs, and seeded randomness", async () => {
    const probe = (seen: Sample[]): Invariant[] => [
      {
        name: "clock probe",
        checkEveryStep: true,
        async check(context) {
          if (!(context.target instanceof ReadOnlyTarget)) return [];
          const before = sample("step", context);
          await context.target.scan("Stock");
          seen.push(before, sample("step", context));
          return [];
        },
      },
    ];
    const first = await run(3, probe);
    expect(first.result.error).toBeUndefined();
    expect(first.result.passed).toBe(true);
    expect(first.seen.length).toBeGreaterThan(6);
    expectVirtual(first.seen, first.result.virtualMs);
    // A read between two steps answers at once: the clock did not move across it.
    for (let i = 0; i < first.seen.length; i += 2)
      expect(first.seen[i + 1]?.dateNow).toBe(first.seen[i]?.dateNow);
    // The advance(1_000) in the scenario shows in what the checks saw.
    const times = first.seen.map((s) => s.dateNow - EPOCH_MS);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(1_000);

    const again = await run(3, probe);
    expect(again.seen).toEqual(first.seen);
    expect(again.result.fingerprint).toBe(first.result.fingerprint);
    expect((await run(4, probe)).seen.map((s) => s.random)).not.toEqual(first.seen.map((s) => s.random));
  });

  it("an end-of-run check sees the virtual clock, and a sleep in it waits on virtual time", async () => {
    const probe = (seen: Sample[]): Invariant[] => [
      {
        name: "end probe",
        async check(context) {
          seen.push(sample("end", context));
          // Ten virtual seconds: on the real clock this would outlast the test's timeout.
          await new Promise((resolve) => setTimeout(resolve, 10_000));
          seen.push(sample("end", context));
          return [];
        },
      },
    ];
    const first = await run(5, probe);
    expect(first.result.error).toBeUndefined();
    expect(first.result.passed).toBe(true);
    expect(first.seen).toHaveLength(2);
    expectVirtual(first.seen, first.result.virtualMs);
    expect((first.seen[1]?.dateNow ?? 0) - (first.seen[0]?.dateNow ?? 0)).toBe(10_000);
    expect(first.result.virtualMs).toBe((first.seen[1]?.dateNow ?? 0) - EPOCH_MS);

    const again = await run(5, probe);
    expect(again.seen).toEqual(first.seen);
    expect(again.result.fingerprint).toBe(first.result.fingerprint);
  });

  it("an end-of-run check's own SDK client reads the simulated table, on virtual time", async () => {
    const ownClient: Invariant = {
      name: "own client",
      async check() {
        const startMs = Date.now();
        const client = new DynamoDBClient({ region: "us-east-1" });
        const { Count } = await client.send(new ScanCommand({ TableName: "Stock" }));
        const tookMs = Date.now() - startMs;
        return Count === 2 && tookMs > 0 && tookMs < 100 ? [] : [{ message: `${Count} in ${tookMs} ms` }];
      },
    };
    const { result } = await run(6, () => [ownClient]);
    expect(result.error).toBeUndefined();
    expect(result.violations).toEqual([]);
  });

  it("stop an end-of-run check that waits on nothing the simulation runs, naming it", async () => {
    const forever: Invariant = { name: "waits forever", check: () => new Promise(() => {}) };
    await expect(run(10, () => [forever])).rejects.toThrow(
      /^the end-of-run check of invariant "waits forever" did not finish: .* the scenario is still waiting but nothing is scheduled/,
    );
  });

  it("a sometimes state sees the virtual clock and seeded randomness, and leaves the run as it was", async () => {
    const probe = (seen: Sample[]): Sometimes[] => [
      {
        name: "clock probe",
        async reached(context) {
          seen.push(sample("sometimes", context));
          await context.target.scan("Stock");
          seen.push(sample("sometimes", context));
          return true;
        },
      },
    ];
    const first = await run(7, () => [], probe);
    expect(first.result).toMatchObject({ passed: true, reached: ["clock probe"] });
    expect(first.seen).toHaveLength(2);
    expectVirtual(first.seen, first.result.virtualMs);
    expect(first.seen[1]?.dateNow).toBe(first.result.virtualMs + EPOCH_MS);

    const again = await run(7, () => [], probe);
    expect(again.seen).toEqual(first.seen);
    expect(again.result.fingerprint).toBe(first.result.fingerprint);
    expect((await run(7, () => [])).result.fingerprint).toBe(first.result.fingerprint);
  });

  it("stop a step check that waits on a virtual timer, saying what to do", async () => {
    const sleeper: Invariant = {
      name: "sleeper",
      checkEveryStep: true,
      async check() {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return [];
      },
    };
    const { result } = await run(8, () => [sleeper]);
    expect(result.error).toMatch(/^StepCheckStalledError: the step check of "sleeper" after step 1 /);
    expect(result.error).toMatch(/virtual clock/);
    expect(result.error).toMatch(/drop checkEveryStep/);
  });

  it("stop a sometimes state that waits on a virtual timer, naming it", async () => {
    const sleeper: Sometimes = {
      name: "sleepy state",
      async reached() {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return true;
      },
    };
    await expect(
      run(
        9,
        () => [],
        () => [sleeper],
      ),
    ).rejects.toThrow(/^sometimes state "sleepy state" did not settle once every pending microtask ran/);
  });
});

// The fast check of the planted-bug benchmark: fault search finds each planted bug within a few
// schedules, breaking the invariant the bug is about, and the fixed twin passes the same seeds.
// How fast, how small and over how many seeds is measured by `npx tsx bench/planted.ts`.
import { describe, expect, it } from "vitest";
import { explore } from "../../src/explore/explore.ts";
import type { FaultPlan } from "../../src/faults/plan.ts";
import type { App, SquallConfig } from "../../src/public/index.ts";
import { PLANTED, type PlantedBug } from "./index.ts";

// Every one of these is found within the first few seeds today; a cap keeps a regression from
// turning into a long search.
const MAX_SEEDS = 12;
// A twin searched with PCT is run over more seeds: PCT finds its bug in a seed or two, and the
// twin should pass more schedules than that.
const PCT_TWIN_SEEDS = 20;

/** The strategy a bug is searched with, as `explore` takes it (PCT with its default depth 2). */
const strategyOf = (bug: PlantedBug) => ({ strategy: bug.strategy ?? "random" });

/** The first failing seed of the buggy variant, searching seed by seed, and its signature. */
async function firstFailure(bug: PlantedBug): Promise<{ seed: number; signature: string } | undefined> {
  const { failures } = await explore(bug.config, {
    scenario: bug.scenario,
    variant: "buggy",
    faults: bug.faults,
    ...strategyOf(bug),
    runs: MAX_SEEDS,
    stopAtFirstFailure: true,
    shrink: false,
  });
  const [failure] = failures;
  return failure === undefined ? undefined : { seed: failure.seed, signature: failure.signature };
}

/** The config with every table of every variant on-demand: no throttling but the injected kind. */
function onDemand(config: SquallConfig): SquallConfig {
  const build = (variant: string): App => {
    const app = typeof config.app === "function" ? config.app(variant) : config.app;
    const tables = Object.fromEntries(
      Object.entries(app.tables).map(([name, table]) => [
        name,
        { ...table, billing: { mode: "PAY_PER_REQUEST" } },
      ]),
    );
    return { ...app, tables } as App;
  };
  return { ...config, app: build };
}

describe("the planted bugs", () => {
  for (const bug of PLANTED) {
    it(`${bug.name}: finds ${bug.bug}; the fixed twin passes the same seeds`, async () => {
      const found = await firstFailure(bug);
      expect(found, `no failure within ${MAX_SEEDS} seeds`).toBeDefined();
      expect(found?.signature.split(" + ")[0]).toBe(bug.invariant);
      const twin = await explore(bug.config, {
        scenario: bug.scenario,
        variant: "fixed",
        faults: bug.faults,
        ...strategyOf(bug),
        runs: Math.max(found?.seed ?? MAX_SEEDS, bug.strategy === "pct" ? PCT_TWIN_SEEDS : 5),
        shrink: false,
      });
      expect(twin.failures.map((f) => `seed ${f.seed}: ${f.signature}`)).toEqual([]);
    }, 30_000);
  }

  // The same bugs through injected faults: a throttle plan on the table, with every table made
  // on-demand so that capacity never runs dry on its own — without the plan the search finds
  // nothing, with it the bug is found, and the fixed twin passes under it.
  for (const bug of PLANTED.filter((b) => b.pending !== undefined)) {
    it(`${bug.name}: the injected-fault plan (${bug.pending?.path}) finds it on on-demand tables`, async () => {
      const config = onDemand(bug.config);
      const search = (variant: string, faults: FaultPlan, runs: number) =>
        explore(config, { scenario: bug.scenario, variant, faults, runs, shrink: false });
      expect((await search("buggy", {}, 5)).failures).toEqual([]);
      const injected = { ...bug, config, faults: bug.pending?.faults ?? {} };
      const found = await firstFailure(injected);
      expect(found, `no failure within ${MAX_SEEDS} seeds`).toBeDefined();
      expect(found?.signature.split(" + ")[0]).toBe(bug.invariant);
      const twin = await search("fixed", injected.faults, Math.max(found?.seed ?? MAX_SEEDS, 5));
      expect(twin.failures.map((f) => `seed ${f.seed}: ${f.signature}`)).toEqual([]);
      // The twin was throttled too, and coped.
      expect(twin.coverage["dynamodb.throttle"]?.fired ?? 0).toBeGreaterThan(0);
    }, 30_000);
  }

  it("names twelve distinct bugs, each with an app of variants buggy and fixed", () => {
    expect(new Set(PLANTED.map((b) => b.name)).size).toBe(12);
    for (const bug of PLANTED) {
      expect(bug.config.variants).toEqual(["buggy", "fixed"]);
      expect(Object.keys(bug.config.scenarios)).toContain(bug.scenario);
      expect(bug.config.invariants?.map((i) => i.name)).toContain(bug.invariant);
    }
  });
});

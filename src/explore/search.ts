import type { App } from "../app/model.ts";
import { loaderImportedModules } from "../cloud/lambda/environment.ts";
import { real } from "../core/real.ts";
import type { FaultPlan } from "../faults/plan.ts";
import { type FaultPreset, faultPreset } from "../faults/presets.ts";
import type { SquallConfig } from "../targets/scenario.ts";
import type { ScenarioResult } from "../targets/sim/run-scenario.ts";
import { failureSignature, runSchedule } from "./run-once.ts";
import { type PctOptions, type StrategyName, selectorFor } from "./strategy.ts";

/** Which schedules one searcher runs: seeds `firstSeed + offset + k·stride`, k = 0, 1, … below `runs`. */
export interface SearchSlice {
  readonly scenario: string;
  readonly variant: string | undefined;
  readonly faults: FaultPreset | FaultPlan | undefined;
  readonly strategy: StrategyName;
  readonly pct?: PctOptions;
  readonly firstSeed: number;
  readonly runs: number;
  readonly offset: number;
  readonly stride: number;
  /** Stop after this much wall time (checked between schedules). */
  readonly timeMs?: number;
  /** Stop once a schedule has failed (how long a bug takes to find). */
  readonly stopAtFirstFailure?: boolean;
  /**
   * Stop after this many schedules, to be continued from `nextIndex` by a fresh worker — but only
   * once handler modules were imported through Node's loader, which never frees them.
   */
  readonly maxSchedules?: number;
}

/** A failure seen by a searcher: its first seed and how often it recurred. */
export interface FoundFailure {
  readonly signature: string;
  readonly seed: number;
  count: number;
  readonly result: ScenarioResult;
}

/** How one fault kind fared over a search. */
export interface FaultKindCoverage {
  /** Times the fault point was consulted, and times the fault fired, over every schedule. */
  consulted: number;
  fired: number;
  /** Schedules in which it fired at least once. */
  schedulesFired: number;
}

/** What one searcher found. */
export interface SearchOutcome {
  readonly schedules: number;
  /** Where the slice goes on, or undefined when it is done (every run, or out of time). */
  readonly nextIndex: number | undefined;
  /** By fault kind; a kind the plan switched on that was never consulted is absent. */
  readonly coverage: Record<string, FaultKindCoverage>;
  /** By `sometimes` state of the config: the schedules that reached it. */
  readonly reached: Record<string, number>;
  readonly failures: FoundFailure[];
  readonly searchMs: number;
}

export function appOf(config: SquallConfig, variant: string | undefined): App {
  if (typeof config.app !== "function") return config.app;
  return config.app(variant ?? config.variants?.[0] ?? "");
}

export function planFor(faults: FaultPreset | FaultPlan | undefined, seed: number): FaultPlan {
  if (faults === undefined) return {};
  return typeof faults === "string" ? faultPreset(faults, seed) : faults;
}

/**
 * Runs one slice of a search — the part a worker thread or a CI shard owns — and groups its
 * failures by signature (the invariants they break), keeping the first seed of each.
 *
 * @example const outcome = await searchSlice(config, { ...slice, offset: 0, stride: 1 });
 */
export async function searchSlice(
  config: SquallConfig,
  slice: SearchSlice,
  onSchedule?: (schedules: number, failures: number) => void,
): Promise<SearchOutcome> {
  const app = appOf(config, slice.variant);
  const strategy = selectorFor(slice.strategy, slice.pct);
  const startedMs = real.performanceNow();
  const found = new Map<string, FoundFailure>();
  const coverage: Record<string, FaultKindCoverage> = {};
  const reached: Record<string, number> = Object.fromEntries(
    (config.sometimes ?? []).map((s) => [s.name, 0]),
  );
  let schedules = 0;
  let i = slice.offset;
  for (; i < slice.runs; i += slice.stride) {
    if (slice.timeMs !== undefined && real.performanceNow() - startedMs >= slice.timeMs) {
      i = Number.POSITIVE_INFINITY;
      break;
    }
    if (slice.maxSchedules !== undefined && schedules >= slice.maxSchedules && loaderImportedModules() > 0)
      break;
    if (slice.stopAtFirstFailure === true && found.size > 0) {
      i = Number.POSITIVE_INFINITY;
      break;
    }
    const seed = slice.firstSeed + i;
    const { result, coverage: runCoverage } = await runSchedule({
      config,
      app,
      scenario: slice.scenario,
      variant: slice.variant,
      seed,
      faults: planFor(slice.faults, seed),
      ...strategy,
    });
    schedules++;
    addCoverage(coverage, runCoverage);
    for (const name of result.reached) reached[name] = (reached[name] ?? 0) + 1;
    if (!result.passed) {
      const signature = failureSignature(result);
      const seen = found.get(signature);
      if (seen === undefined) found.set(signature, { signature, seed, count: 1, result });
      else seen.count++;
    }
    onSchedule?.(schedules, found.size);
  }
  return {
    schedules,
    nextIndex: i < slice.runs ? i : undefined,
    coverage,
    reached,
    failures: [...found.values()],
    searchMs: real.performanceNow() - startedMs,
  };
}

/** Merges searchers' failures: counts add up, the lowest seed stays the example. */
export function mergeFailures(outcomes: readonly SearchOutcome[]): FoundFailure[] {
  const merged = new Map<string, FoundFailure>();
  for (const outcome of outcomes) {
    for (const failure of outcome.failures) {
      const seen = merged.get(failure.signature);
      if (seen === undefined) merged.set(failure.signature, { ...failure });
      else if (failure.seed < seen.seed)
        merged.set(failure.signature, { ...failure, count: seen.count + failure.count });
      else seen.count += failure.count;
    }
  }
  return [...merged.values()].sort((a, b) => a.seed - b.seed);
}

function add(into: Record<string, FaultKindCoverage>, kind: string, count: FaultKindCoverage): void {
  const total = into[kind] ?? { consulted: 0, fired: 0, schedulesFired: 0 };
  total.consulted += count.consulted;
  total.fired += count.fired;
  total.schedulesFired += count.schedulesFired;
  into[kind] = total;
}

function addCoverage(
  into: Record<string, FaultKindCoverage>,
  run: ReadonlyMap<string, { consulted: number; fired: number }>,
): void {
  for (const [kind, count] of run) add(into, kind, { ...count, schedulesFired: count.fired > 0 ? 1 : 0 });
}

/** Sums searchers' coverage. */
export function mergeCoverage(outcomes: readonly SearchOutcome[]): Record<string, FaultKindCoverage> {
  const merged: Record<string, FaultKindCoverage> = {};
  for (const outcome of outcomes)
    for (const [kind, count] of Object.entries(outcome.coverage)) add(merged, kind, count);
  return merged;
}

/** Sums searchers' counts of the `sometimes` states they reached. */
export function mergeReached(outcomes: readonly SearchOutcome[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const outcome of outcomes)
    for (const [name, count] of Object.entries(outcome.reached)) merged[name] = (merged[name] ?? 0) + count;
  return merged;
}

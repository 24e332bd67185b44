import type { App } from "../app/model.ts";
import { SquallError } from "../core/errors.ts";
import { real } from "../core/real.ts";
import type { FaultPlan } from "../faults/plan.ts";
import { type FaultPreset, faultPreset } from "../faults/presets.ts";
import type { SquallConfig } from "../targets/scenario.ts";
import type { ScenarioResult } from "../targets/sim/run-scenario.ts";
import { failureSignature, runSchedule, type Schedule } from "./run-once.ts";
import { type ShrunkFailure, shrinkFailure } from "./shrink-failure.ts";
import { type PctOptions, type StrategyName, selectorFor } from "./strategy.ts";

/** Options of {@link explore}. */
export interface ExploreOptions {
  readonly scenario: string;
  /** The app's variant, when the config declares variants. */
  readonly variant?: string;
  /** How many schedules (seeds) to run. Default 100, unless `timeMs` is given. */
  readonly runs?: number;
  /** Run schedules until this much wall time has passed (checked between schedules). */
  readonly timeMs?: number;
  /** A preset or a plan. Default `none`. `swarm` draws a plan per seed. */
  readonly faults?: FaultPreset | FaultPlan;
  /**
   * How simultaneous actions are ordered: `random` (default), `pct` (priorities with `depth − 1`
   * change points, see pctSelector) or `fifo` (as scheduled).
   */
  readonly strategy?: StrategyName;
  readonly pct?: PctOptions;
  /** The first seed; schedule i runs seed `firstSeed + i`. Default 1. */
  readonly firstSeed?: number;
  /** Run only the schedules of shard `index` (1-based) of `count`, as `--shard 2/4` does. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Shrink each distinct failure (default true) within this many replays each (default 300). */
  readonly shrink?: boolean;
  readonly maxShrinkReplays?: number;
  /** Called after each schedule. */
  readonly onProgress?: (progress: ExploreProgress) => void;
}

/** How far a search has come. */
export interface ExploreProgress {
  readonly schedules: number;
  readonly failures: number;
  readonly elapsedMs: number;
}

/** A failure found by the search: where it was first seen, how often, and its shrunk story. */
export interface ExploreFailure {
  readonly signature: string;
  readonly seed: number;
  /** How many schedules failed this way. */
  readonly count: number;
  readonly result: ScenarioResult;
  readonly shrunk?: ShrunkFailure;
}

/** What a search found. */
export interface ExploreResult {
  readonly scenario: string;
  readonly variant: string | undefined;
  readonly schedules: number;
  readonly failures: readonly ExploreFailure[];
  readonly wallMs: number;
  readonly schedulesPerSecond: number;
}

/**
 * Runs a scenario over many seeded schedules with a fault plan, collects the distinct failures
 * (by the invariants they break), shrinks each to a minimal schedule and checks that its replay
 * is exact. In-process; shard across machines with `shard`.
 *
 * @example
 * const { failures } = await explore(config, { scenario: "black-friday", variant: "naive", runs: 200 });
 */
export async function explore(config: SquallConfig, options: ExploreOptions): Promise<ExploreResult> {
  const app = appOf(config, options.variant);
  const strategy = selectorFor(options.strategy ?? "random", options.pct);
  const firstSeed = options.firstSeed ?? 1;
  const runs = options.runs ?? (options.timeMs === undefined ? 100 : Number.POSITIVE_INFINITY);
  const shard = options.shard ?? { index: 1, count: 1 };
  checkShard(shard);
  const startedMs = real.performanceNow();
  const found = new Map<
    string,
    { seed: number; count: number; result: ScenarioResult; schedule: Schedule }
  >();
  let schedules = 0;
  for (let i = shard.index - 1; i < runs; i += shard.count) {
    if (options.timeMs !== undefined && real.performanceNow() - startedMs >= options.timeMs) break;
    const seed = firstSeed + i;
    const schedule: Schedule = {
      config,
      app,
      scenario: options.scenario,
      variant: options.variant,
      seed,
      faults: planFor(options.faults, seed),
      ...strategy,
    };
    const { result } = await runSchedule(schedule);
    schedules++;
    if (!result.passed) {
      const signature = failureSignature(result);
      const seen = found.get(signature);
      if (seen === undefined) found.set(signature, { seed, count: 1, result, schedule });
      else seen.count++;
    }
    options.onProgress?.({ schedules, failures: found.size, elapsedMs: real.performanceNow() - startedMs });
  }
  const searchMs = real.performanceNow() - startedMs;
  const failures: ExploreFailure[] = [];
  for (const [signature, failure] of found) {
    const shrunk =
      options.shrink === false
        ? undefined
        : await shrinkFailure(failure.schedule, signature, { maxReplays: options.maxShrinkReplays ?? 300 });
    failures.push({
      signature,
      seed: failure.seed,
      count: failure.count,
      result: failure.result,
      ...(shrunk ? { shrunk } : {}),
    });
  }
  return {
    scenario: options.scenario,
    variant: options.variant,
    schedules,
    failures,
    wallMs: Math.round(real.performanceNow() - startedMs),
    schedulesPerSecond: schedules / Math.max(searchMs / 1000, 1e-9),
  };
}

function appOf(config: SquallConfig, variant: string | undefined): App {
  if (typeof config.app !== "function") return config.app;
  return config.app(variant ?? config.variants?.[0] ?? "");
}

function planFor(faults: FaultPreset | FaultPlan | undefined, seed: number): FaultPlan {
  if (faults === undefined) return {};
  return typeof faults === "string" ? faultPreset(faults, seed) : faults;
}

function checkShard(shard: { index: number; count: number }): void {
  if (
    !(
      Number.isInteger(shard.count) &&
      shard.count >= 1 &&
      Number.isInteger(shard.index) &&
      shard.index >= 1 &&
      shard.index <= shard.count
    )
  )
    throw new SquallError(
      `explore: shard must be k/n with 1 ≤ k ≤ n (as --shard 2/4), got ${shard.index}/${shard.count}`,
    );
}

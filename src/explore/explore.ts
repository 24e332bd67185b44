import { SquallError } from "../core/errors.ts";
import { real } from "../core/real.ts";
import type { FaultPlan } from "../faults/plan.ts";
import type { FaultPreset } from "../faults/presets.ts";
import type { SquallConfig } from "../targets/scenario.ts";
import type { ScenarioResult } from "../targets/sim/run-scenario.ts";
import { searchInWorkers } from "./parallel.ts";
import type { Schedule } from "./run-once.ts";
import {
  appOf,
  type FaultKindCoverage,
  mergeCoverage,
  mergeFailures,
  mergeReached,
  planFor,
  type SearchSlice,
  searchSlice,
} from "./search.ts";
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
  /** Worker threads to search in (default 1: this thread). More than one needs `configFile`. */
  readonly workers?: number;
  /**
   * The absolute path of the squall.config.ts the config came from. Given, the search runs in
   * worker threads (recycled every few hundred schedules when handler modules need Node's loader,
   * so memory stays bounded); else here.
   */
  readonly configFile?: string;
  /** Stop the search at the first failing schedule (in-process; each worker stops at its own). */
  readonly stopAtFirstFailure?: boolean;
  /** Schedules a worker thread runs before a fresh one takes over, if it must (see `configFile`). Default 400. */
  readonly schedulesPerWorker?: number;
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
  /** How often each fault kind was consulted and fired (a kind that never fired tested nothing). */
  readonly coverage: Record<string, FaultKindCoverage>;
  /** Each `sometimes` state of the config, with the schedules that reached it (0: none did). */
  readonly reached: Record<string, number>;
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
  const shard = options.shard ?? { index: 1, count: 1 };
  checkShard(shard);
  const workers = options.workers ?? 1;
  if (!(Number.isInteger(workers) && workers >= 1))
    throw new SquallError(`explore: workers must be a whole number ≥ 1, got ${workers}`);
  if (workers > 1 && options.configFile === undefined)
    throw new SquallError(
      "explore: workers > 1 needs configFile, the squall.config.ts each worker thread loads",
    );
  const base: SearchSlice = {
    scenario: options.scenario,
    variant: options.variant,
    faults: options.faults,
    strategy: options.strategy ?? "random",
    ...(options.pct === undefined ? {} : { pct: options.pct }),
    firstSeed: options.firstSeed ?? 1,
    runs: options.runs ?? (options.timeMs === undefined ? 100 : Number.MAX_SAFE_INTEGER),
    offset: shard.index - 1,
    stride: shard.count,
    ...(options.timeMs === undefined ? {} : { timeMs: options.timeMs }),
    ...(options.stopAtFirstFailure === undefined ? {} : { stopAtFirstFailure: options.stopAtFirstFailure }),
  };
  const startedMs = real.performanceNow();
  const progress = (schedules: number, failures: number) =>
    options.onProgress?.({ schedules, failures, elapsedMs: real.performanceNow() - startedMs });
  // With the config's file at hand the search runs in worker threads, which a long search needs:
  // they can be recycled to free handler modules. Worker w of n takes every n-th schedule of the shard.
  const outcomes =
    options.configFile === undefined
      ? [await searchSlice(config, base, progress)]
      : await searchInWorkers(
          options.configFile as string,
          Array.from({ length: workers }, (_, w) => ({
            ...base,
            offset: base.offset + w * base.stride,
            stride: base.stride * workers,
          })),
          progress,
          options.schedulesPerWorker,
        );
  const searchMs = real.performanceNow() - startedMs;
  const schedules = outcomes.reduce((sum, o) => sum + o.schedules, 0);
  const app = appOf(config, options.variant);
  const strategy = selectorFor(base.strategy, options.pct);
  const failures: ExploreFailure[] = [];
  for (const failure of mergeFailures(outcomes)) {
    const schedule: Schedule = {
      config,
      app,
      scenario: options.scenario,
      variant: options.variant,
      seed: failure.seed,
      faults: planFor(options.faults, failure.seed),
      ...strategy,
    };
    const shrunk =
      options.shrink === false
        ? undefined
        : await shrinkFailure(schedule, failure.signature, { maxReplays: options.maxShrinkReplays ?? 300 });
    failures.push({ ...failure, ...(shrunk ? { shrunk } : {}) });
  }
  return {
    scenario: options.scenario,
    variant: options.variant,
    schedules,
    failures,
    coverage: mergeCoverage(outcomes),
    reached: mergeReached(outcomes),
    wallMs: Math.round(real.performanceNow() - startedMs),
    schedulesPerSecond: schedules / Math.max(searchMs / 1000, 1e-9),
  };
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

import type { App } from "../app/model.ts";
import type { FaultCount } from "../core/fault-draw.ts";
import type { Selector } from "../core/selector.ts";
import type { Span } from "../core/trace.ts";
import type { FaultPlan } from "../faults/plan.ts";
import type { SquallConfig } from "../targets/scenario.ts";
import { runScenario, type ScenarioResult } from "../targets/sim/run-scenario.ts";

/** One schedule: a scenario run on a seed, optionally replaying (leniently) given choice values. */
export interface Schedule {
  readonly config: SquallConfig;
  readonly app: App;
  readonly scenario: string;
  readonly variant: string | undefined;
  readonly seed: number;
  readonly faults: FaultPlan;
  readonly selector?: Selector;
  /** Values to replay instead of drawing fresh ones; past their end every draw is 0. */
  readonly replay?: readonly number[];
  /** The labels of `replay`'s values: when given, each label's draws replay that label's values. */
  readonly replayLabels?: readonly string[];
  /** Keep the spans of the run, for a timeline. */
  readonly keepSpans?: boolean;
}

/** What a schedule did: the scenario's result, every draw it made, and (if asked) its spans. */
export interface ScheduleOutcome {
  readonly result: ScenarioResult;
  readonly values: readonly number[];
  readonly labels: readonly string[];
  readonly spans: readonly Span[];
  /** Fault points consulted and fired in the run, by fault kind. */
  readonly coverage: ReadonlyMap<string, Readonly<FaultCount>>;
}

/**
 * Runs one schedule and keeps what fault search needs of it.
 *
 * @example const { result, values } = await runSchedule({ config, app, scenario: "burst", variant: "naive", seed: 3, faults: {} });
 */
export async function runSchedule(schedule: Schedule): Promise<ScheduleOutcome> {
  let values: number[] = [];
  let labels: string[] = [];
  let spans: readonly Span[] = [];
  let coverage: ReadonlyMap<string, Readonly<FaultCount>> = new Map();
  const replay = schedule.replay;
  const replayLabels = schedule.replayLabels;
  const result = await runScenario(schedule.config, {
    app: schedule.app,
    scenario: schedule.scenario,
    variant: schedule.variant,
    seed: schedule.seed,
    simulation: {
      faults: schedule.faults,
      ...(schedule.selector === undefined ? {} : { selector: schedule.selector }),
      ...(replay === undefined
        ? {}
        : {
            recording: {
              seed: schedule.seed,
              choices: replay.map((value, i) => ({ label: replayLabels?.[i] ?? "", bound: 2 ** 53, value })),
            },
            replayMode: replayLabels === undefined ? ("lenient" as const) : ("by-label" as const),
          }),
    },
    inspect: (cloud) => {
      const recording = cloud.sim.choices.recording().choices;
      values = recording.map((c) => c.value);
      labels = recording.map((c) => c.label);
      if (schedule.keepSpans === true) spans = [...cloud.sim.trace.all()];
      coverage = new Map([...cloud.sim.faultCoverage()].map(([kind, count]) => [kind, { ...count }]));
    },
  });
  return { result, values, labels, spans, coverage };
}

/**
 * What identifies a failure across seeds: the first invariant it violated, in the order they are
 * checked (liveness, then the config's), or the error the scenario threw — not the items, and not
 * the other invariants that broke along with it: two seeds that reserve twice are one bug, whether
 * or not one of them also oversold.
 *
 * @example failureSignature(result) // "exactly one reservation per order id"
 */
export function failureSignature(result: ScenarioResult): string {
  if (result.error !== undefined) return `error: ${result.error.split(":")[0]}`;
  return result.violations[0]?.invariant ?? "passed";
}

/** Whether a run shows the failure a signature names (it may break other invariants too). */
export function showsFailure(result: ScenarioResult, signature: string): boolean {
  if (result.passed) return false;
  if (result.error !== undefined) return failureSignature(result) === signature;
  return result.violations.some((v) => v.invariant === signature);
}

import { SquallError } from "../../core/errors.ts";
import type { LoopStep } from "../../core/simulation-options.ts";
import type { Invariant, ScenarioContext, Violation } from "../scenario.ts";
import type { Target } from "../target.ts";
import { named } from "./end-checks.ts";
import { ReadOnlyTarget } from "./read-only-target.ts";
import type { InvariantViolation } from "./run-scenario.ts";
import { settleAtOnce } from "./settle-at-once.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";
import { StepCheckRefusedError } from "./step-check-refused-error.ts";
import { StepCheckStalledError } from "./step-check-stalled-error.ts";

/** The phase of a run: the scenario itself, the fault phase after it, the liveness phase last. */
export type RunPhase = "scenario" | "faults" | "liveness";

/**
 * Where a run was when a step check first found an invariant broken: the run stops there, so a
 * timeline of it ends with the step that broke it.
 *
 * @example { step: 412, virtualMs: 61_250, action: "dynamodb.UpdateItem", phase: "faults" }
 */
export interface BrokenAt {
  /** The step of the run loop after which the check failed (1 = the first step). */
  readonly step: number;
  /** Virtual ms since the run started. */
  readonly virtualMs: number;
  /** What that step ran: a scheduled action's label, `idle` or `real work` (see LoopStep). */
  readonly action: string;
  readonly phase: RunPhase;
}

/**
 * Where a run stopped because a step check found an invariant broken, as reports print it.
 *
 * @example brokeAtLine({ step: 113, virtualMs: 404, action: "DynamoDB.PutItem", phase: "faults" }) // "stopped after step 113 (DynamoDB.PutItem) at +404 ms, in the faults phase"
 */
export function brokeAtLine(at: BrokenAt): string {
  return `stopped after step ${at.step} (${at.action}) at +${at.virtualMs} ms, in the ${at.phase} phase`;
}

/** The step that broke: where, and every step-checked invariant it broke. */
export interface BrokenStep {
  readonly at: BrokenAt;
  readonly violations: readonly InvariantViolation[];
}

// Thrown out of the run loop to stop the run; runScenario reports the violations instead.
class StepBroken extends Error {
  override name = "StepBroken";
}

type Check = { readonly invariant: Invariant; readonly context: ScenarioContext };

/**
 * Checks the invariants that opt in with `checkEveryStep` after every step of a simulated run,
 * each against a {@link ReadOnlyTarget}, and stops the run at the first step that breaks one.
 * The checks run inside the simulation, as the scenario's code does (virtual `Date` and timers,
 * seeded `Math.random`), with the loop held still: a check that awaits a timer, a sleep or an SDK
 * call stops the run with {@link StepCheckStalledError}. Installs nothing when no invariant opts
 * in, so fault search pays nothing for it.
 *
 * @example
 * const steps = StepChecks.start(cloud, config.invariants ?? [], (target) => ({ target, seed, variant, indeterminate: [] }));
 * try { await cloud.run(scenario); } catch (e) { if (steps?.brokenBy(e) === undefined) throw e; }
 * steps?.broken; // { at: { step, virtualMs, action, phase }, violations }
 */
export class StepChecks {
  /** The phase the run is in; runScenario moves it on. */
  phase: RunPhase = "scenario";
  /** Set once a step broke an invariant. */
  broken: BrokenStep | undefined;
  private readonly checks: readonly Check[];
  // Made once, not per step: each calls its check on the step being checked.
  private readonly calls: readonly (() => readonly Violation[] | Promise<readonly Violation[]>)[];
  private step: LoopStep = { step: 0, label: "", nowMs: 0 };
  private readonly remove: () => void;

  private constructor(
    private readonly cloud: SimulatedCloud,
    invariants: readonly Invariant[],
    contextFor: (target: Target) => ScenarioContext,
  ) {
    this.checks = invariants.map((invariant) => ({
      invariant,
      context: contextFor(new ReadOnlyTarget(cloud, invariant.name)),
    }));
    this.calls = this.checks.map(
      ({ invariant, context }) =>
        () =>
          call(invariant, context, this.step),
    );
    this.remove = cloud.sim.onStep((step) => this.afterStep(step));
  }

  /** Starts checking the invariants that opt in, or returns undefined when none does. */
  static start(
    cloud: SimulatedCloud,
    invariants: readonly Invariant[],
    contextFor: (target: Target) => ScenarioContext,
  ): StepChecks | undefined {
    const opted = invariants.filter((invariant) => invariant.checkEveryStep === true);
    return opted.length === 0 ? undefined : new StepChecks(cloud, opted, contextFor);
  }

  /** What a step broke, when an error out of the run loop is this run's stop at that step. */
  brokenBy(thrown: unknown): BrokenStep | undefined {
    return thrown instanceof StepBroken ? this.broken : undefined;
  }

  /** Stops checking (before the end-of-run checks, which drive the loop themselves). */
  stop(): void {
    this.remove();
  }

  private async afterStep(step: LoopStep): Promise<void> {
    const violations = await this.checkAll(step);
    if (violations.length === 0) return;
    const at = {
      step: step.step,
      virtualMs: this.cloud.sim.elapsedMs(),
      action: step.label,
      phase: this.phase,
    };
    this.broken = { at, violations };
    throw new StepBroken(`invariant "${violations[0]?.invariant}" broke after step ${step.step}`);
  }

  private async checkAll(step: LoopStep): Promise<InvariantViolation[]> {
    this.step = step;
    const scheduled = this.cloud.sim.scheduledCount();
    const settled = await settleAtOnce(this.cloud.sim, this.calls);
    if (settled.waiting !== undefined) {
      const names = settled.waiting.map((i) => this.checks[i]?.invariant.name ?? "");
      throw new StepCheckStalledError(names, step.step);
    }
    // Work a check started and left behind (a timer, an SDK call) would run later as part of the run.
    if (this.cloud.sim.scheduledCount() !== scheduled) {
      const names = this.checks.map((c) => c.invariant.name).join('", "');
      throw new StepCheckRefusedError(
        `a timer or SDK call started (and not awaited) after step ${step.step}`,
        names,
      );
    }
    return settled.values.flatMap((violations, i) => named((this.checks[i] as Check).invariant, violations));
  }
}

function call(
  invariant: Invariant,
  context: ScenarioContext,
  step: LoopStep,
): readonly Violation[] | Promise<readonly Violation[]> {
  const fail = (error: unknown): never => {
    if (error instanceof SquallError) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new SquallError(
      `invariant "${invariant.name}" threw in its step check after step ${step.step} (${step.label}): ${message}`,
      { cause: error },
    );
  };
  try {
    const result = invariant.check(context);
    return Array.isArray(result) ? result : Promise.resolve(result).catch(fail);
  } catch (error) {
    return fail(error);
  }
}

import type { App } from "../../app/model.ts";
import { real } from "../../core/real.ts";
import { SimulationStalledError } from "../../core/simulation-options.ts";
import type { Scenario, ScenarioContext, SquallConfig, Violation } from "../scenario.ts";
import type { Target, TargetStats } from "../target.ts";
import { checkInvariants, statesReached } from "./end-checks.ts";
import { checkLiveness } from "./liveness.ts";
import { ReadOnlyTarget } from "./read-only-target.ts";
import { type SimulatedCloud, type SimulateOptions, simulate } from "./simulated-cloud.ts";
import { type BrokenAt, StepChecks } from "./step-checks.ts";

export type { BrokenAt, RunPhase } from "./step-checks.ts";

/** A violated invariant: its name and what shows it. */
export interface InvariantViolation extends Violation {
  readonly invariant: string;
}

/** The outcome of one scenario on one variant. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly variant: string | undefined;
  readonly seed: number;
  readonly passed: boolean;
  readonly violations: readonly InvariantViolation[];
  /** Set when the scenario itself threw: its message. */
  readonly error?: string;
  /**
   * Set when a step check (an invariant with `checkEveryStep`) stopped the run: the step after
   * which it first broke. `violations` are then what that step broke, and the liveness phase
   * and the end-of-run checks did not run.
   */
  readonly brokeAt?: BrokenAt;
  /** The names of the config's `sometimes` states this run reached. */
  readonly reached: readonly string[];
  readonly stats: TargetStats;
  readonly virtualMs: number;
  readonly wallMs: number;
  readonly fingerprint: string;
}

/** One run of one scenario: what {@link runScenario} needs. */
export interface ScenarioRun {
  readonly app: App;
  readonly scenario: string;
  readonly variant: string | undefined;
  readonly seed: number;
  /** More options of the simulation: a recording to replay, a selector, a fault plan… */
  readonly simulation?: Omit<SimulateOptions, "seed">;
  /** Called with the simulated cloud once the invariants are checked, before it is disposed. */
  readonly inspect?: (cloud: SimulatedCloud) => void;
}

/**
 * Runs one scenario once on a fresh simulated cloud and checks the config's invariants after it
 * settles: the unit that `runScenarios` and fault search repeat. Invariants that opt in with
 * `checkEveryStep` are also checked after every step, and the first step that breaks one stops
 * the run (`brokeAt`). Every check, and every sometimes state, runs inside the simulation as the
 * scenario does: its `Date`, timers and `Math.random` are the simulation's, never the real ones.
 *
 * @example const result = await runScenario(config, { app, scenario: "burst", variant: undefined, seed: 7 });
 */
export async function runScenario(config: SquallConfig, run: ScenarioRun): Promise<ScenarioResult> {
  const { app, scenario: name, variant, seed } = run;
  const scenario = config.scenarios[name] as NonNullable<SquallConfig["scenarios"][string]>;
  const startedMs = real.performanceNow();
  const cloud = await simulate(app, {
    ...(scenario.delivery === undefined ? {} : { delivery: scenario.delivery }),
    ...run.simulation,
    seed,
  });
  try {
    const contextFor = (target: Target): ScenarioContext => ({
      target,
      seed,
      variant,
      get indeterminate() {
        return cloud.indeterminate();
      },
    });
    const steps = StepChecks.start(cloud, config.invariants ?? [], contextFor);
    const outcome = await runPhases(config, scenario, cloud, contextFor(cloud), steps);
    // Read without touching the run, so a config's sometimes states leave its trace as it was.
    const reached = await statesReached(cloud, config.sometimes ?? [], (name) =>
      contextFor(new ReadOnlyTarget(cloud, name, "sometimes")),
    );
    run.inspect?.(cloud);
    return {
      scenario: name,
      variant,
      seed,
      passed: outcome.error === undefined && outcome.violations.length === 0,
      ...outcome,
      reached,
      stats: await cloud.stats(),
      virtualMs: cloud.sim.elapsedMs(),
      wallMs: Math.round(real.performanceNow() - startedMs),
      fingerprint: cloud.sim.trace.fingerprint(),
    };
  } finally {
    await cloud.dispose();
  }
}

type Outcome = Pick<ScenarioResult, "violations" | "error" | "brokeAt">;

/** The scenario, the fault phase, the liveness phase, then the invariants: each unless one stopped the run. */
async function runPhases(
  config: SquallConfig,
  scenario: Scenario,
  cloud: SimulatedCloud,
  context: ScenarioContext,
  steps: StepChecks | undefined,
): Promise<Outcome> {
  try {
    await cloud.run(() => scenario.run(context));
    if (steps !== undefined) steps.phase = "faults";
    await faultPhase(cloud, config.liveness?.drainBoundMs ?? DEFAULT_BOUND_MS);
  } catch (thrown) {
    const broken = steps?.brokenBy(thrown);
    if (broken !== undefined) return { violations: broken.violations, brokeAt: broken.at };
    return {
      error: thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown),
      violations: [],
    };
  }
  // The liveness phase drains the system first; the app's own invariants are listed first, as
  // they name the bug (a failure's signature is its first violation).
  if (steps !== undefined) steps.phase = "liveness";
  let liveness: InvariantViolation[];
  try {
    liveness = await checkLiveness(cloud, config.liveness);
  } catch (thrown) {
    const broken = steps?.brokenBy(thrown);
    if (broken !== undefined) return { violations: broken.violations, brokeAt: broken.at };
    throw thrown;
  }
  // The end checks read through the SDK, which drives the loop: no step checks there.
  steps?.stop();
  return { violations: [...(await checkInvariants(cloud, config.invariants ?? [], context)), ...liveness] };
}

const DEFAULT_BOUND_MS = 3_600_000;

/**
 * The fault phase: the system runs with its faults until it is idle or the bound of virtual time
 * passes — a shard blocked by a poison record may retry forever, which is the liveness phase's
 * finding to make, not an error of the run.
 */
async function faultPhase(cloud: SimulatedCloud, boundMs: number): Promise<void> {
  try {
    await cloud.sim.runUntilIdle({ maxVirtualMs: boundMs });
  } catch (error) {
    if (!(error instanceof SimulationStalledError)) throw error;
  }
}

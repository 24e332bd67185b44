import type { App } from "../../app/model.ts";
import { real } from "../../core/real.ts";
import { SimulationStalledError } from "../../core/simulation-options.ts";
import type { Invariant, ScenarioContext, SquallConfig, Violation } from "../scenario.ts";
import type { TargetStats } from "../target.ts";
import { checkLiveness } from "./liveness.ts";
import { type SimulatedCloud, type SimulateOptions, simulate } from "./simulated-cloud.ts";

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
 * settles: the unit that `runScenarios` and fault search repeat.
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
    const context: ScenarioContext = { target: cloud, seed, variant };
    let error: string | undefined;
    try {
      await cloud.run(() => scenario.run(context));
      await faultPhase(cloud, config.liveness?.drainBoundMs ?? DEFAULT_BOUND_MS);
    } catch (thrown) {
      error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    }
    // The liveness phase drains the system first; the app's own invariants are listed first, as
    // they name the bug (a failure's signature is its first violation).
    const liveness = error === undefined ? await checkLiveness(cloud, config.liveness) : [];
    const violations =
      error === undefined ? [...(await checkInvariants(config.invariants ?? [], context)), ...liveness] : [];
    run.inspect?.(cloud);
    return {
      scenario: name,
      variant,
      seed,
      passed: error === undefined && violations.length === 0,
      violations,
      ...(error === undefined ? {} : { error }),
      stats: await cloud.stats(),
      virtualMs: cloud.sim.elapsedMs(),
      wallMs: Math.round(real.performanceNow() - startedMs),
      fingerprint: cloud.sim.trace.fingerprint(),
    };
  } finally {
    await cloud.dispose();
  }
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

async function checkInvariants(
  invariants: readonly Invariant[],
  context: ScenarioContext,
): Promise<InvariantViolation[]> {
  const found: InvariantViolation[] = [];
  for (const invariant of invariants) {
    for (const violation of await invariant.check(context))
      found.push({ invariant: invariant.name, ...violation });
  }
  return found;
}

import type { App } from "../app/model.ts";
import { real } from "../core/real.ts";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import type { TargetStats } from "../targets/target.ts";
import type { Invariant, ScenarioContext, SquallConfig, Violation } from "./config.ts";
import { ConfigError } from "./config-error.ts";

/** Options of {@link runScenarios}. */
export interface RunScenariosOptions {
  /** Default: the config's seed, else 1. */
  readonly seed?: number;
  /** Run only this scenario. */
  readonly scenario?: string;
  /** Run only this variant (default: every variant the config declares). */
  readonly variant?: string;
  /** The config file, for messages. */
  readonly file?: string;
}

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

/**
 * Runs a config's scenarios on the simulation, one fresh simulated cloud per scenario and
 * variant, and checks every invariant once the system has settled.
 *
 * @example
 * const results = await runScenarios(config, { seed: 7 });
 * const failed = results.filter((r) => !r.passed);
 */
export async function runScenarios(
  config: SquallConfig,
  options: RunScenariosOptions = {},
): Promise<ScenarioResult[]> {
  const file = options.file ?? "squall.config.ts";
  const seed = options.seed ?? config.seed ?? 1;
  const variants = selectVariants(config, options.variant, file);
  const names = Object.keys(config.scenarios);
  if (options.scenario !== undefined && !names.includes(options.scenario))
    throw new ConfigError(file, `has no scenario "${options.scenario}"`, `Use one of: ${names.join(", ")}`);
  const results: ScenarioResult[] = [];
  for (const variant of variants) {
    const app = typeof config.app === "function" ? config.app(variant as string) : config.app;
    for (const name of names) {
      if (options.scenario !== undefined && name !== options.scenario) continue;
      results.push(await runOne(config, app, name, variant, seed));
    }
  }
  return results;
}

function selectVariants(
  config: SquallConfig,
  wanted: string | undefined,
  file: string,
): (string | undefined)[] {
  if (typeof config.app !== "function") {
    if (wanted !== undefined) throw new ConfigError(file, "declares no variants", "Run it without --variant");
    return [undefined];
  }
  const variants = config.variants ?? [];
  if (wanted === undefined) return [...variants];
  if (!variants.includes(wanted))
    throw new ConfigError(file, `has no variant "${wanted}"`, `Use one of: ${variants.join(", ")}`);
  return [wanted];
}

async function runOne(
  config: SquallConfig,
  app: App,
  name: string,
  variant: string | undefined,
  seed: number,
): Promise<ScenarioResult> {
  const scenario = config.scenarios[name] as NonNullable<SquallConfig["scenarios"][string]>;
  const startedMs = real.performanceNow();
  const cloud = await simulate(app, {
    seed,
    ...(scenario.delivery === undefined ? {} : { delivery: scenario.delivery }),
  });
  try {
    const context: ScenarioContext = { target: cloud, seed, variant };
    let error: string | undefined;
    try {
      await cloud.run(() => scenario.run(context));
      await cloud.settle();
    } catch (thrown) {
      error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    }
    const violations = error === undefined ? await checkInvariants(config.invariants ?? [], context) : [];
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

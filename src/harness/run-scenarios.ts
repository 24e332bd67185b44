import type { SquallConfig } from "../targets/scenario.ts";
import { runScenario, type ScenarioResult } from "../targets/sim/run-scenario.ts";
import { ConfigError } from "./config-error.ts";

export type {
  BrokenAt,
  InvariantViolation,
  RunPhase,
  ScenarioResult,
  ScenarioRun,
} from "../targets/sim/run-scenario.ts";
export { runScenario } from "../targets/sim/run-scenario.ts";

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
      results.push(await runScenario(config, { app, scenario: name, variant, seed }));
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

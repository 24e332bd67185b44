import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { AppDefinitionError } from "../app/app-definition-error.ts";
import { describe } from "../app/issues.ts";
import { FaultPlanError } from "../faults/fault-plan-error.ts";
import { validateFaultPlan } from "../faults/validate-plan.ts";
import type { SquallConfig } from "./config.ts";
import { ConfigError } from "./config-error.ts";

/** The config file `squall run <dir>` reads. */
export const CONFIG_FILE = "squall.config.ts";

/**
 * Loads and checks `<dir>/squall.config.ts`. Every failure — no such file, a module that throws
 * while loading, an invalid app, a default export of the wrong shape — is a {@link ConfigError}
 * naming the file and the fix.
 *
 * @example const { config, file } = await loadConfig("examples/inventory");
 */
export async function loadConfig(dir: string): Promise<{ config: SquallConfig; file: string }> {
  const file = path.resolve(dir, CONFIG_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ConfigError(dir, "is not a directory", `Pass the directory that holds ${CONFIG_FILE}`);
  if (!existsSync(file))
    throw new ConfigError(
      shown,
      "does not exist",
      `Create it with: export default defineConfig({ app, scenarios })`,
    );
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    if (error instanceof AppDefinitionError)
      throw new ConfigError(shown, error.message, "Fix the app definition");
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ConfigError(
      shown,
      `failed to load (${message})`,
      "Fix the error in the file or in what it imports",
    );
  }
  return { config: checkConfig(shown, loaded.default), file: shown };
}

function checkConfig(file: string, value: unknown): SquallConfig {
  if (typeof value !== "object" || value === null)
    throw new ConfigError(
      file,
      `its default export is ${describe(value)}`,
      "export default defineConfig({ app, scenarios })",
    );
  const config = value as Record<string, unknown>;
  if (typeof config.app !== "function" && (typeof config.app !== "object" || config.app === null))
    throw new ConfigError(
      file,
      "default export has no app",
      "Set app: to the result of defineApp(...) or a function of the variant",
    );
  if (typeof config.app === "function") {
    const variants = config.variants;
    if (!Array.isArray(variants) || variants.length === 0 || !variants.every((v) => typeof v === "string"))
      throw new ConfigError(
        file,
        "app is a function but variants is not a list of names",
        'Add variants: ["naive", "safe"]',
      );
  }
  const scenarios = config.scenarios;
  if (typeof scenarios !== "object" || scenarios === null || Object.keys(scenarios).length === 0)
    throw new ConfigError(
      file,
      "declares no scenarios",
      "Add scenarios: { name: { run: async ({ target }) => { ... } } }",
    );
  for (const [name, scenario] of Object.entries(scenarios)) {
    if (typeof (scenario as { run?: unknown })?.run !== "function")
      throw new ConfigError(
        file,
        `scenario "${name}" has no run function`,
        "Give it run: async ({ target }) => { ... }",
      );
  }
  const invariants = config.invariants ?? [];
  if (!Array.isArray(invariants))
    throw new ConfigError(file, "invariants is not a list", "Set invariants: [{ name, check }]");
  for (const [i, invariant] of invariants.entries()) {
    const inv = invariant as { name?: unknown; check?: unknown };
    if (typeof inv?.name !== "string" || typeof inv.check !== "function")
      throw new ConfigError(
        file,
        `invariants[${i}] needs a name and a check function`,
        'Use { name: "...", check: async ({ target }) => [] }',
      );
  }
  if (config.seed !== undefined && !Number.isSafeInteger(config.seed))
    throw new ConfigError(file, `seed is ${describe(config.seed)}`, "Use a whole number");
  if (config.explore !== undefined) checkExplore(file, config.explore, Object.keys(scenarios));
  return value as SquallConfig;
}

const PRESETS = ["none", "realistic", "chaos", "swarm"];

function checkExplore(file: string, value: unknown, scenarioNames: readonly string[]): void {
  if (typeof value !== "object" || value === null)
    throw new ConfigError(
      file,
      `explore is ${describe(value)}`,
      'Use explore: { scenarios: ["..."], faults: "realistic" }',
    );
  const explore = value as Record<string, unknown>;
  const wanted = explore.scenarios ?? [];
  if (!Array.isArray(wanted) || wanted.some((name) => !scenarioNames.includes(name as string)))
    throw new ConfigError(
      file,
      `explore.scenarios names a scenario it does not declare`,
      `Use some of: ${scenarioNames.join(", ")}`,
    );
  const faults = explore.faults;
  if (typeof faults === "string" && !PRESETS.includes(faults))
    throw new ConfigError(
      file,
      `explore.faults is "${faults}"`,
      `Use a preset (${PRESETS.join(", ")}) or a fault plan`,
    );
  if (faults !== undefined && typeof faults !== "string") {
    try {
      validateFaultPlan(faults, "explore.faults");
    } catch (error) {
      if (error instanceof FaultPlanError) throw new ConfigError(file, error.message, "Fix the fault plan");
      throw error;
    }
  }
  if (explore.runs !== undefined && !(Number.isSafeInteger(explore.runs) && (explore.runs as number) > 0))
    throw new ConfigError(file, `explore.runs is ${describe(explore.runs)}`, "Use a whole number above 0");
}

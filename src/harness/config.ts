import type { SquallConfig } from "../targets/scenario.ts";

export type {
  IndeterminateOperation,
  Invariant,
  Scenario,
  ScenarioContext,
  Sometimes,
  SquallConfig,
  Violation,
} from "../targets/scenario.ts";

/**
 * Declares a Squall config (the default export of `squall.config.ts`). Typed identity: the CLI
 * validates what it loads, so a config written without this helper gets the same checks.
 *
 * @example
 * export default defineConfig({ app, scenarios: { burst: { run: async ({ target }) => { ... } } }, invariants: [] });
 */
export function defineConfig(config: SquallConfig): SquallConfig {
  return config;
}

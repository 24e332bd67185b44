import type { TestProject } from "vitest/node";
import { isolationPrefix } from "./isolation.ts";
import { RUN_PREFIX_KEY } from "./provided-context.ts";

/**
 * Vitest global setup (`squall/vitest/global-setup`): works out this run's isolation prefix once,
 * in the main process, and provides it to every worker, which adds its own `-w<VITEST_POOL_ID>`
 * (see `isolationPrefix` for where the prefix comes from). An invalid `SQUALL_STACK_PREFIX` stops
 * the run here, once, before any test starts.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({
 *   test: { globalSetup: ["squall/vitest/global-setup"], setupFiles: ["./test/squall-setup.ts"] },
 * });
 */
export default function setup(project: TestProject): void {
  const shard = project.globalConfig.shard;
  project.provide(RUN_PREFIX_KEY, isolationPrefix(process.env, { shard }));
}

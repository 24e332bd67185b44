import { afterAll, inject } from "vitest";
import type { App } from "../app/model.ts";
import { withWorker } from "./isolation.ts";
import { IsolationError } from "./isolation-error.ts";
import { type IsolationVariablesOptions, isolationVariables } from "./isolation-variables.ts";
import { RUN_PREFIX_KEY } from "./provided-context.ts";

/**
 * This Vitest worker's isolation prefix, `<run prefix>-w<VITEST_POOL_ID>`: the same for every test
 * file the worker runs, different from every other worker's running at the same time. Undefined
 * when Squall's global setup is not configured.
 *
 * @example
 * const prefix = workerPrefix(); // "pr-42-w2"
 */
export function workerPrefix(): string | undefined {
  const run = inject(RUN_PREFIX_KEY) as string | undefined;
  const poolId = process.env.VITEST_POOL_ID;
  if (run === undefined || poolId === undefined) return undefined;
  return withWorker(run, poolId);
}

/** What {@link squallWorkerSetup} set up. */
export interface WorkerIsolation {
  /** The worker's isolation prefix. */
  readonly prefix: string;
  /** The variables it put in `process.env` (see {@link isolationVariables}). */
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * Points this worker at its own copy of the app: puts the physical names, URLs and ARNs of the
 * app's resources under the worker's prefix into `process.env`, as the deployed functions see
 * them, and puts the previous values back after the test file. Call it from a `setupFiles` module
 * (which runs before each test file imports anything), with `squall/vitest/global-setup` in
 * `globalSetup`. `squallTest(app)` uses the same prefix, so a simulation and `process.env` agree.
 * The variables win over ones already set (e.g. by `test.env`): isolation depends on it.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({
 *   test: { globalSetup: ["squall/vitest/global-setup"], setupFiles: ["./test/squall-setup.ts"] },
 * });
 * // test/squall-setup.ts
 * import { squallWorkerSetup } from "squall/vitest";
 * import { app } from "../src/app.ts";
 * squallWorkerSetup(app);
 * // a test: process.env.TABLE_NAME === "pr-42-w2-Inventory"
 */
export function squallWorkerSetup(app: App, options: IsolationVariablesOptions = {}): WorkerIsolation {
  const prefix = workerPrefix();
  if (prefix === undefined) {
    throw new IsolationError(
      `squallWorkerSetup(app "${app.name}") found no run prefix: add "squall/vitest/global-setup" ` +
        `to test.globalSetup in vitest.config.ts`,
    );
  }
  const variables = isolationVariables(app, prefix, options);
  afterAll(applyVariables(variables));
  return { prefix, variables };
}

/**
 * Sets `variables` in `env` and returns what puts every one back as it was (restored, or deleted
 * when it was unset).
 *
 * @example
 * const restore = applyVariables({ TABLE_NAME: "pr-42-w1-Inventory" });
 * restore();
 */
export function applyVariables(
  variables: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(variables)) {
    previous.set(key, env[key]);
    env[key] = value;
  }
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) Reflect.deleteProperty(env, key);
      else env[key] = value;
    }
  };
}

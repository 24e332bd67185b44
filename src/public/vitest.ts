// The `squall/vitest` entry point: re-exports only. Nothing inside Squall imports this file.
export { type SquallFixtures, squallTest } from "../vitest/fixture.ts";
export { isolationPrefix, MAX_PREFIX_LENGTH } from "../vitest/isolation.ts";
export { IsolationError } from "../vitest/isolation-error.ts";
export { type IsolationVariablesOptions, isolationVariables } from "../vitest/isolation-variables.ts";
// Importing squall/vitest adds the matchers to Vitest's expect (and their types to Assertion).
export {
  type IdempotentMatcherOptions,
  type OrderingMatcherOptions,
  SQUALL_MATCHERS,
} from "../vitest/matchers.ts";
export { seedForTest } from "../vitest/seed.ts";
export { squallWorkerSetup, type WorkerIsolation, workerPrefix } from "../vitest/worker-setup.ts";

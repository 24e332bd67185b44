// A small Vitest project that test/vitest-workers/workers.test.ts runs in a child process to check
// Squall's per-worker isolation with several workers. Its specs end in .worker-spec.ts so the
// root project does not pick them up.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: path.join(import.meta.dirname, "../.."),
    include: ["test/vitest-workers/*.worker-spec.ts"],
    // What a user writes: the package's own global setup, their setup file calling squallWorkerSetup.
    globalSetup: ["squall/vitest/global-setup"],
    setupFiles: ["test/vitest-workers/setup.ts"],
    pool: "forks",
    maxWorkers: 3,
    fileParallelism: true,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});

import path from "node:path";
import { test as base, type TestAPI } from "vitest";
import type { App } from "../app/model.ts";
import { type SimulatedCloud, type SimulateOptions, simulate } from "../targets/sim/simulated-cloud.ts";
import { seedForTest } from "./seed.ts";
import { workerPrefix } from "./worker-setup.ts";

/** What a Squall test gets: its seed and a fresh simulated cloud running the app. */
export interface SquallFixtures {
  /** The test's seed (see {@link seedForTest}). */
  seed: number;
  /**
   * The prefix of the cloud's physical names: the `namePrefix` option, else this worker's isolation
   * prefix when `squall/vitest/global-setup` runs (so names agree with `squallWorkerSetup`'s
   * `process.env`), else undefined (physical names equal logical names).
   */
  namePrefix: string | undefined;
  /** A simulated cloud of the app, seeded with `seed`, disposed after the test. */
  cloud: SimulatedCloud;
}

function fullName(task: { name: string; suite?: { name: string; suite?: unknown } | undefined }): string {
  const names = [task.name];
  let suite = task.suite as { name: string; suite?: unknown } | undefined;
  while (suite !== undefined && suite.name !== "") {
    names.unshift(suite.name);
    suite = suite.suite as typeof suite;
  }
  return names.join(" > ");
}

/**
 * A Vitest `test` whose tests each get a fresh simulation of `app`, seeded from the test's own
 * identity (stable run to run; `SQUALL_SEED` overrides it). When a test fails it prints the one
 * line that reruns it with the same seed. Physical names carry the worker's isolation prefix when
 * `squall/vitest/global-setup` is configured (see `squallWorkerSetup`).
 *
 * @example
 * const test = squallTest(app);
 * test("reserves each order once", async ({ cloud }) => {
 *   await cloud.sendMessage("Orders", JSON.stringify(order));
 *   await cloud.settle();
 *   expect(await cloud.scan("Reservations")).toHaveLength(1);
 * });
 */
export function squallTest(app: App, options: Omit<SimulateOptions, "seed"> = {}): TestAPI<SquallFixtures> {
  return base.extend<SquallFixtures>({
    seed: async ({ task }, use) => {
      const file = path.relative(process.cwd(), task.file.filepath);
      await use(seedForTest(file, fullName(task)));
    },
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
    namePrefix: async ({}, use) => {
      await use(options.namePrefix ?? workerPrefix());
    },
    cloud: async ({ seed, namePrefix, task, onTestFailed }, use) => {
      const cloud = await simulate(app, {
        ...options,
        seed,
        ...(namePrefix === undefined ? {} : { namePrefix }),
      });
      onTestFailed(() => {
        const file = path.relative(process.cwd(), task.file.filepath);
        console.error(
          `squall: reproduce with SQUALL_SEED=${seed} npx vitest run ${file} -t ${JSON.stringify(task.name)}`,
        );
      });
      try {
        await use(cloud);
      } finally {
        await cloud.dispose();
      }
    },
  });
}

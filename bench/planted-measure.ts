// The measurements of bench/planted.ts, each run in a child process (see there for why).
import { INITIAL_STOCK } from "../examples/inventory/scenarios.ts";
import inventoryConfig from "../examples/inventory/squall.config.ts";
import type { PlantedBug } from "../examples/planted/index.ts";
import { handlerInitTime } from "../src/cloud/lambda/handler-module.ts";
import { real } from "../src/core/real.ts";
import { type ExploreFailure, explore } from "../src/explore/explore.ts";
import type { Scenario, SquallConfig } from "../src/targets/scenario.ts";
import { type CpuOwners, cpuOwners } from "./cpu-owners.ts";
import { eventsOf, faultsOf } from "./planted-story.ts";

/** Wall and CPU time of a piece of work: CPU time is what "per core" is measured in. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const startedMs = real.performanceNow();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: real.performanceNow() - startedMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The buggy variant, one seed at a time from 1, until a failure or the time limit. */
async function findFirst(
  bug: PlantedBug,
  timeMs: number,
  strategy = bug.strategy ?? "random",
): Promise<{ failure?: ExploreFailure; schedules: number }> {
  const { failures, schedules } = await explore(bug.config, {
    scenario: bug.scenario,
    variant: "buggy",
    faults: bug.faults,
    strategy,
    timeMs,
    stopAtFirstFailure: true,
    shrink: false,
  });
  return failures[0] === undefined ? { schedules } : { failure: failures[0], schedules };
}

/** What the bench measured of one planted bug. */
export interface BugRow {
  readonly name: string;
  readonly foundMs?: number;
  readonly schedules: number;
  readonly perSecond: number;
  readonly shrinkMs?: number;
  readonly events?: number;
  readonly faults?: number;
  readonly twinFailures: number;
  readonly twinPerSecond: number;
  /** For a bug searched with PCT: the schedules the random strategy needed (or ran, not finding it). */
  readonly randomSchedules?: { readonly schedules: number; readonly found: boolean };
}

/**
 * Measures one planted bug: time to the first failure of the buggy variant (searching seed by seed
 * for at most `timeMs`), the shrunk story's size, and the fixed twin over `twinSeeds` seeds.
 *
 * @example const row = await measureBug(PLANTED[0], { timeMs: 60_000, twinSeeds: 1000 });
 */
export async function measureBug(
  bug: PlantedBug,
  options: { timeMs: number; twinSeeds: number },
): Promise<BugRow> {
  const find = await timed(() => findFirst(bug, options.timeMs));
  const found = find.value.failure;
  const row = {
    name: bug.name,
    schedules: find.value.schedules,
    perSecond: find.value.schedules / (find.wallMs / 1000),
  };
  const strategy = bug.strategy ?? "random";
  // A bug searched with PCT is searched with random too, for comparison.
  const random = strategy === "random" ? undefined : await findFirst(bug, options.timeMs, "random");
  const randomRow =
    random === undefined
      ? {}
      : { randomSchedules: { schedules: random.schedules, found: random.failure !== undefined } };
  const twin = await timed(() =>
    explore(bug.config, {
      scenario: bug.scenario,
      variant: "fixed",
      faults: bug.faults,
      strategy,
      runs: options.twinSeeds,
      shrink: false,
    }),
  );
  const twinFailures = twin.value.failures.reduce((n, f) => n + f.count, 0);
  const twinRow = { twinFailures, twinPerSecond: twin.value.schedulesPerSecond, ...randomRow };
  if (found === undefined) return { ...row, ...twinRow };
  const shrink = await timed(() =>
    explore(bug.config, {
      scenario: bug.scenario,
      variant: "buggy",
      faults: bug.faults,
      strategy,
      runs: 1,
      firstSeed: found.seed,
      maxShrinkReplays: 300,
    }),
  );
  const shrunk = shrink.value.failures[0];
  return {
    ...row,
    ...twinRow,
    foundMs: find.wallMs,
    shrinkMs: shrink.wallMs,
    ...(shrunk?.shrunk === undefined
      ? {}
      : { events: eventsOf(shrunk.shrunk.spans), faults: await faultsOf(bug, shrunk) }),
  };
}

/** Exactly 100 orders for the inventory app: the "100-event inventory scenario". */
// Exactly `count` orders for random SKUs at once. One order makes about 6.5 events (sends,
// publishes and writes across the system), so 15 orders are the "100-event scenario".
const fixedOrders = (count: number): Scenario => ({
  description: `${count} orders for random SKUs at once`,
  async run({ target }) {
    for (const [sku, stock] of Object.entries(INITIAL_STOCK))
      await target.putItem("Inventory", { sku, stock, initialStock: stock });
    const skus = Object.keys(INITIAL_STOCK);
    const orders = Array.from({ length: count }, (_, i) => ({
      orderId: `order-${i + 1}`,
      sku: skus[Math.floor(Math.random() * skus.length)],
      qty: 1 + Math.floor(Math.random() * 2),
    }));
    await Promise.all(orders.map((o) => target.sendMessage("Orders", JSON.stringify(o))));
  },
});

/** What a search on the inventory app measured: its speed, and how much of it the handlers' init took. */
export interface InventorySpeed {
  /** Schedules per second of wall time, and per CPU-second (what one core does), after the warm-up. */
  readonly wall: number;
  readonly cpu: number;
  /** Per CPU-second over the first schedules of a fresh process: the warm-up itself. */
  readonly coldCpu: number;
  readonly warmupSchedules: number;
  /** Cold starts per schedule, and the real ms one schedule spent running the handler files' top-level code. */
  readonly coldStartsPerSchedule: number;
  readonly initMsPerSchedule: number;
  /** Whose code the CPU ran, sampled over `runs / 4` further schedules (the profiler slows them). */
  readonly owners: CpuOwners;
}

/**
 * Schedules per second of a search on the inventory app (safe variant, no faults): first a
 * warm-up of `warmupMs` (a fresh process runs its first few hundred schedules at about half speed,
 * while V8 compiles the code that every cold start runs), then `runs` schedules measured, by wall
 * time and per CPU-second. Also how long the handler files' own init code took per schedule: a
 * floor that no speed-up of Squall lowers. Then a sampled profile of further schedules: how the CPU
 * time splits between Squall, the app's libraries and handlers, the collector and the runtime.
 *
 * @example const { cpu, initMsPerSchedule } = await inventorySpeed("orders-15", 200, 20_000);
 */
export async function inventorySpeed(
  scenario: string,
  runs: number,
  warmupMs: number,
): Promise<InventorySpeed> {
  const config: SquallConfig = {
    ...inventoryConfig,
    scenarios: { ...inventoryConfig.scenarios, "orders-15": fixedOrders(15), "orders-100": fixedOrders(100) },
  };
  const search = (options: { runs: number } | { timeMs: number }, firstSeed: number) =>
    timed(() => explore(config, { scenario, variant: "safe", shrink: false, firstSeed, ...options }));
  const cold = await search({ timeMs: warmupMs }, 1_000_000);
  const initBefore = { ...handlerInitTime };
  const run = await search({ runs }, 1);
  const schedules = run.value.schedules;
  const coldStarts = handlerInitTime.instances - initBefore.instances;
  const initMs = handlerInitTime.ms - initBefore.ms;
  const { owners } = await cpuOwners(() => search({ runs: Math.max(1, Math.floor(runs / 4)) }, runs + 1));
  return {
    wall: run.value.schedulesPerSecond,
    cpu: schedules / (run.cpuMs / 1000),
    coldCpu: cold.value.schedules / (cold.cpuMs / 1000),
    warmupSchedules: cold.value.schedules,
    coldStartsPerSchedule: coldStarts / schedules,
    initMsPerSchedule: initMs / schedules,
    owners,
  };
}

// As a child: `--bug <name>` or `--inventory <scenario>`, with the options; prints one JSON line.
if (process.argv.includes("--child")) {
  const { parseArgs } = await import("node:util");
  const { PLANTED } = await import("../examples/planted/index.ts");
  const { values } = parseArgs({
    options: {
      child: { type: "boolean" },
      bug: { type: "string" },
      inventory: { type: "string" },
      runs: { type: "string", default: "200" },
      "warmup-ms": { type: "string", default: "20000" },
      "twin-seeds": { type: "string", default: "1000" },
      "time-ms": { type: "string", default: "60000" },
    },
  });
  const bug = PLANTED.find((b) => b.name === values.bug);
  const result =
    bug === undefined
      ? await inventorySpeed(values.inventory ?? "orders", Number(values.runs), Number(values["warmup-ms"]))
      : await measureBug(bug, { timeMs: Number(values["time-ms"]), twinSeeds: Number(values["twin-seeds"]) });
  console.log(JSON.stringify(result));
}

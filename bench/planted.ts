/**
 * The planted-bug benchmark (issue 5 §5). For each planted bug: search the buggy variant seed by
 * seed until the first failure or the time limit, shrink it, and count the shrunk story's events
 * and faults; run the fixed twin over many seeds and count its failures. Then the speed of a
 * search on the inventory app. Prints a table and the issue's goals with their verdicts.
 *
 *   npx tsx bench/planted.ts [--twin-seeds 1000] [--time-ms 60000] [--only oversell,poison-shard]
 *                            [--inventory-runs 200] [--warmup-ms 20000]
 */
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import { PLANTED } from "../examples/planted/index.ts";
import { describeOwners } from "./cpu-owners.ts";
import type { BugRow, InventorySpeed } from "./planted-measure.ts";

const { values } = parseArgs({
  options: {
    "twin-seeds": { type: "string", default: "1000" },
    "time-ms": { type: "string", default: "60000" },
    "inventory-runs": { type: "string", default: "200" },
    "warmup-ms": { type: "string", default: "20000" },
    only: { type: "string" },
  },
});
const TWIN_SEEDS = Number(values["twin-seeds"]);
const TIME_MS = Number(values["time-ms"]);
const INVENTORY_RUNS = Number(values["inventory-runs"]);
const WARMUP_MS = Number(values["warmup-ms"]);
const ONLY = values.only?.split(",");

const seconds = (ms: number | undefined) => (ms === undefined ? "-" : (ms / 1000).toFixed(1));
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const verdict = (ok: boolean) => (ok ? "MET" : "NOT MET");

/**
 * Runs one measurement in a child process with a fresh heap and fresh compiled code, so that no
 * measurement is sped up or slowed down by the ones before it.
 */
async function inChild<T>(args: readonly string[]): Promise<T> {
  const script = new URL("./planted-measure.ts", import.meta.url).pathname;
  const argv = [...process.execArgv, script, "--child", ...args];
  const { stdout } = await promisify(execFile)(process.execPath, argv, { maxBuffer: 64 * 2 ** 20 });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as T;
}

const common = ["--time-ms", String(TIME_MS), "--twin-seeds", String(TWIN_SEEDS)];
const bugs = PLANTED.filter((b) => ONLY === undefined || ONLY.includes(b.name));
console.log(
  `planted bugs: ${bugs.length}, search limit ${TIME_MS / 1000} s each, fixed twins over ${TWIN_SEEDS} seeds`,
);
console.log(
  "  bug                  found (s)  schedules  sched/s  shrink (s)  events  faults  twin fails  twin sched/s",
);
const rows: BugRow[] = [];
for (const bug of bugs) {
  const row = await inChild<BugRow>(["--bug", bug.name, ...common]);
  rows.push(row);
  console.log(
    `  ${row.name.padEnd(20)} ${seconds(row.foundMs).padStart(9)}  ${String(row.schedules).padStart(9)}  ${row.perSecond.toFixed(1).padStart(7)}  ${seconds(row.shrinkMs).padStart(10)}  ${String(row.events ?? "-").padStart(6)}  ${String(row.faults ?? "-").padStart(6)}  ${`${row.twinFailures}/${TWIN_SEEDS}`.padStart(10)}  ${row.twinPerSecond.toFixed(1).padStart(12)}`,
  );
}
const pending = bugs.filter((b) => b.pending !== undefined).map((b) => `${b.name} (${b.pending?.path})`);
if (pending.length > 0) console.log(`  also found under injected faults: ${pending.join(", ")}`);
for (const row of rows) {
  const random = row.randomSchedules;
  if (random === undefined) continue;
  console.log(
    `  ${row.name} is searched with PCT (depth 2), found after ${row.schedules} schedules; random search: ${random.found ? `found after ${random.schedules}` : `not found in ${random.schedules}`}`,
  );
}

const speeds: [string, string][] = [
  ["orders", "orders (1-20 orders, drawn)"],
  ["orders-15", "orders-15 (~100 events)"],
  ["orders-100", "orders-100 (~650 events)"],
];
console.log(
  `inventory, safe variant, no faults: ${INVENTORY_RUNS} schedules each after a ${WARMUP_MS / 1000} s warm-up`,
);
console.log(
  "  scenario                      sched/s wall  per CPU-s  (warm-up: per CPU-s)  cold starts  handler init ms  init-bound sched/s",
);
const measured = new Map<string, InventorySpeed>();
for (const [scenario, label] of speeds) {
  const speed = await inChild<InventorySpeed>([
    "--inventory",
    scenario,
    "--runs",
    String(INVENTORY_RUNS),
    "--warmup-ms",
    String(WARMUP_MS),
  ]);
  measured.set(scenario, speed);
  const warmup = `${speed.coldCpu.toFixed(1)} over ${speed.warmupSchedules}`;
  console.log(
    `  ${label.padEnd(29)} ${speed.wall.toFixed(1).padStart(12)}  ${speed.cpu.toFixed(1).padStart(9)}  ${warmup.padStart(20)}  ${speed.coldStartsPerSchedule.toFixed(1).padStart(11)}  ${speed.initMsPerSchedule.toFixed(1).padStart(15)}  ${(1000 / speed.initMsPerSchedule).toFixed(0).padStart(18)}`,
  );
}
console.log(
  "  (handler init: real ms per schedule running the handler files' top-level code — SDK clients, Powertools —, whatever Squall costs;\n" +
    "   init-bound: the schedules per second that init alone allows)",
);
const hundred = measured.get("orders-15");
if (hundred !== undefined) {
  const { owners } = hundred;
  const appMs = ((owners.libraries + owners.handlers) * 1000) / hundred.cpu;
  console.log(
    `  orders-15, where the CPU went (sampled over ${Math.floor(INVENTORY_RUNS / 4)} more schedules): ${describeOwners(owners)}`,
  );
  console.log(
    `  the app's own code and libraries alone: ${appMs.toFixed(1)} CPU ms per schedule, so at most ${(1000 / appMs).toFixed(0)} schedules/s ` +
      "per core if Squall, the collector and the runtime cost nothing",
  );
}

const found = rows.filter((r) => r.foundMs !== undefined && r.foundMs <= TIME_MS);
const shrunk = rows.filter((r) => r.events !== undefined);
const events = median(shrunk.map((r) => r.events ?? 0));
const faults = median(shrunk.map((r) => r.faults ?? 0));
const twinFailures = rows.reduce((n, r) => n + r.twinFailures, 0);
console.log("goals:");
console.log(
  `  ≥ 90% found within ${TIME_MS / 1000} s: ${found.length}/${rows.length} — ${verdict(found.length >= 0.9 * rows.length)}`,
);
console.log(
  `  0 fixed-twin failures over ${TWIN_SEEDS} seeds each: ${twinFailures} — ${verdict(twinFailures === 0 && TWIN_SEEDS >= 1000)}${TWIN_SEEDS < 1000 ? " (fewer seeds than the goal's 1,000)" : ""}`,
);
console.log(
  `  median shrunk story ≤ 10 events and ≤ 3 faults: ${events} events, ${faults} faults — ${verdict(events <= 10 && faults <= 3)}`,
);
console.log(
  `  ≥ 200 schedules/s per core, 100-event inventory (orders-15): ${hundred?.cpu.toFixed(1)} — ${verdict((hundred?.cpu ?? 0) >= 200)}`,
);

/**
 * The inventory app under steady load: orders at a constant rate for a span of virtual time,
 * through the safe variant, with every hop simulated (queue, Lambda, table, stream, topic). Prints
 * wall time, the virtual-to-wall speedup, CPU time per order, and the heap after each tenth of the
 * run. Squall's own records stay bounded (the trace keeps a window, the choice stream is not
 * recorded, logs are capped, ClientRequestTokens last 10 minutes); what grows is what the app and
 * AWS keep: three items per order and a day of Inventory stream records. Wall time leaves out the
 * full collections taken to read the heap. Then one more virtual minute of orders runs under V8's
 * sampling profiler, to tell whose code the CPU time went to, and how fast the app's own code alone
 * would let the run go. Last, the app's tables are deleted and a day passes, so that their items and
 * stream records are gone: the heap then is what Squall itself kept through the run.
 *
 *   npx tsx bench/inventory.ts [--rate 50] [--minutes 60]
 */

import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient, ListStreamsCommand } from "@aws-sdk/client-dynamodb-streams";
import { inventoryApp } from "../examples/inventory/app.ts";
import { RETENTION_MS } from "../src/cloud/table/streams/store.ts";
import { real } from "../src/core/real.ts";
import { simulate } from "../src/targets/sim/simulated-cloud.ts";
import { cpuOwners, describeOwners } from "./cpu-owners.ts";

const { values } = parseArgs({
  options: { rate: { type: "string", default: "50" }, minutes: { type: "string", default: "60" } },
});
const RATE = Number(values.rate);
const MINUTES = Number(values.minutes);
const TOTAL = RATE * MINUTES * 60;
const SAMPLED_MINUTES = 1;
const SENT = TOTAL + RATE * SAMPLED_MINUTES * 60;

setFlagsFromString("--expose-gc");
if (process.env.SEMI) setFlagsFromString(`--max-semi-space-size=${process.env.SEMI}`);
const gc = runInNewContext("gc") as () => void;
let sampledMs = 0;
let sampledCpuUs = 0;
// When the heap was read: the full collections forced then are the bench's, not the run's.
const readings: [number, number][] = [];
const heapMb = () => {
  const before = real.performanceNow();
  const cpuBefore = process.cpuUsage();
  gc();
  const mb = process.memoryUsage().heapUsed / 2 ** 20;
  const cpu = process.cpuUsage(cpuBefore);
  sampledCpuUs += cpu.user + cpu.system;
  const after = real.performanceNow();
  sampledMs += after - before;
  readings.push([before, after]);
  return mb;
};

const startHeapMb = heapMb();
const cloud = await simulate(inventoryApp("safe"), { seed: 1, recordChoices: false, retainSpans: 20_000 });
const SKUS = ["SKU-RED", "SKU-BLUE", "SKU-GREEN", "SKU-BLACK"];
await cloud.run(async () => {
  for (const sku of SKUS) await cloud.putItem("Inventory", { sku, stock: SENT, initialStock: SENT });
  // A producer on virtual time: one order every 1000/RATE ms, not awaited, for the whole run and
  // the sampled minute after it.
  let sent = 0;
  const producer = setInterval(() => {
    if (sent >= SENT) {
      clearInterval(producer);
      return;
    }
    sent++;
    const order = { orderId: `o-${sent}`, sku: SKUS[sent % SKUS.length], qty: 1 };
    void cloud.sendMessage("Orders", JSON.stringify(order));
  }, 1000 / RATE);
});

// The collector's pauses on the main thread during the measured hour (the full collections taken
// to read the heap left out): how much of the wall time the retained data costs.
const gcPauses = { scavenges: 0, scavengeMs: 0, others: 0, otherMs: 0 };
const minorKind = constants.NODE_PERFORMANCE_GC_MINOR;
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (readings.some(([from, to]) => entry.startTime >= from && entry.startTime <= to)) continue;
    if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === minorKind) {
      gcPauses.scavenges++;
      gcPauses.scavengeMs += entry.duration;
    } else {
      gcPauses.others++;
      gcPauses.otherMs += entry.duration;
    }
  }
});
gcObserver.observe({ entryTypes: ["gc"] });
const startedMs = real.performanceNow();
const startedCpu = process.cpuUsage();
const heap: string[] = [];
for (let tenth = 1; tenth <= 10; tenth++) {
  await cloud.advance((MINUTES * 60_000) / 10, { maxSteps: 100_000_000 });
  heap.push(heapMb().toFixed(0));
}
// The orders still in flight at the end of the hour (a few ms of them) are left to the sampled minute.
const wallMs = real.performanceNow() - startedMs - sampledMs;
gcObserver.disconnect();
const cpu = process.cpuUsage(startedCpu);
const cpuUsPerOrder = (cpu.user + cpu.system - sampledCpuUs) / TOTAL;
const { owners } = await cpuOwners(() => cloud.advance(SAMPLED_MINUTES * 60_000, { maxSteps: 100_000_000 }));
await cloud.runUntilIdle({ maxSteps: 100_000_000 });
const stats = await cloud.stats();
const reservations = cloud.scanTable("Reservations").length;
// What the app itself keeps, to read the heap figures against: items and stream records grow with
// the orders by design; Squall's own trace, choices and logs are bounded in this run.
const items = Object.keys(cloud.app.tables).reduce((n, table) => n + cloud.scanTable(table).length, 0);
const streamRecords = cloud.streamRecords("Inventory").length;
console.log(
  `inventory app, ${RATE} orders/s for ${MINUTES} virtual minutes (${TOTAL.toLocaleString("en-US")} orders), safe variant`,
);
console.log(`  wall time         ${(wallMs / 1000).toFixed(1)} s`);
console.log(`  speedup           ${((MINUTES * 60_000) / wallMs).toFixed(0)}x real time (goal ≥ 100x)`);
console.log(
  `  per order         ${((1000 * wallMs) / TOTAL).toFixed(0)} µs wall, ${cpuUsPerOrder.toFixed(0)} µs CPU (all threads; the goal is 200 µs wall)`,
);
console.log(
  `  heap (MB) per tenth of the run: ${heap.join(", ")} (reading it took ${(sampledMs / 1000).toFixed(1)} s, not counted)`,
);
const share = (ms: number) =>
  `${(ms / 1000).toFixed(1)} s (${((100 * ms) / wallMs).toFixed(0)}% of the wall time)`;
console.log(
  `  collector pauses   ${gcPauses.scavenges.toLocaleString("en-US")} scavenges ${share(gcPauses.scavengeMs)}, ` +
    `${gcPauses.others} other collections ${share(gcPauses.otherMs)}`,
);
console.log(
  `  ${stats.invocations.toLocaleString("en-US")} invocations, ${stats.coldStarts} cold starts, ` +
    `${reservations.toLocaleString("en-US")} reservations, ${cloud.sim.trace.size.toLocaleString("en-US")} spans`,
);
console.log(
  `  app state after the sampled minute: ${items.toLocaleString("en-US")} items, ${streamRecords.toLocaleString("en-US")} stream records ` +
    `(retained ${cloud.sim.trace.all().length.toLocaleString("en-US")} spans, ${cloud.lambda.logs.size.toLocaleString("en-US")} log lines)`,
);
// The profiler samples the main thread, which the run keeps busy: its share of the wall time.
const appUs = ((owners.libraries + owners.handlers) * 1000 * wallMs) / TOTAL;
console.log(`  where the CPU went (one more virtual minute, sampled): ${describeOwners(owners)}`);
console.log(
  `  the app's own code and libraries alone: ${appUs.toFixed(0)} µs per order, so at most ` +
    `${(1_000_000 / RATE / appUs).toFixed(0)}x real time if Squall, the collector and the runtime cost nothing`,
);
// Squall's own memory: drop what the app and AWS keep (the tables now, their stream records once
// they are a day old; ListStreams lets the store notice) and read the heap again. What is left is
// bounded: the log store's 200,000 lines, 10 minutes of ClientRequestTokens, the span window, the
// loaded code.
await cloud.run(async () => {
  const dynamodb = new DynamoDBClient({});
  for (const table of Object.keys(cloud.app.tables))
    await dynamodb.send(new DeleteTableCommand({ TableName: cloud.tableName(table) }));
});
await cloud.advance(RETENTION_MS + 60_000, { maxSteps: 100_000_000 });
await cloud.run(() => new DynamoDBStreamsClient({}).send(new ListStreamsCommand({})));
console.log(
  `  heap with the app's data gone (tables deleted, a day later): ${heapMb().toFixed(0)} MB; before the run ${startHeapMb.toFixed(0)} MB`,
);
await cloud.dispose();

/**
 * How long a test waits past the moment its result is ready, and how often it gives up too soon,
 * for `eventually` against a fixed 10 s sleep and fixed-interval polling (5 s, 3 attempts).
 *
 * Readiness times: 90% log-uniform over 100 ms–8 s (the seed's cold starts, every order of
 * magnitude equally likely), 10% uniform over 15–20 s (VPC cold starts with the pre-Hyperplane
 * ENI set-up): a stress mix, not a realistic share. Drawn from Sfc32(seed).
 *
 * Part 1 runs each strategy on a counter (waits add to it), so 10,000 trials cost CPU only (about
 * half a second). Part 2 runs a few trials (25% of them 15–20 s) through the simulation end to
 * end: queue → cold function → table, polled on virtual time; and checks what
 * `invokeWithColdStartCompensation` reports about the same cold starts.
 *
 *   npx tsx bench/waiting.ts [--trials 10000] [--sim-trials 12] [--seed 7]
 */
import { parseArgs } from "node:util";
import { Sfc32 } from "../src/core/prng.ts";
import { coldInvokeReport, simulatedTrial } from "./waiting-sim.ts";
import {
  eventuallyStrategy,
  fixedInterval,
  fixedSleep,
  summarise,
  type TrialOutcome,
  table,
  type WaitingStrategy,
} from "./waiting-strategies.ts";

const { values } = parseArgs({
  options: {
    trials: { type: "string", default: "10000" },
    "sim-trials": { type: "string", default: "12" },
    seed: { type: "string", default: "7" },
  },
});
const TRIALS = Number(values.trials);
const SIM_TRIALS = Number(values["sim-trials"]);
const SEED = Number(values.seed);
// Few trials end to end, so a larger VPC share than part 1's to see the long cold starts at all.
const SIM_VPC_PERCENT = 25;

/** `count` readiness times in ms, as the header says, `vpcPercent` of them 15–20 s. */
function drawReadinessMs(count: number, seed: number, vpcPercent: number): number[] {
  const rng = new Sfc32(seed);
  const unit = () => rng.nextInt(1_000_001) / 1_000_000;
  return Array.from({ length: count }, () => {
    const vpc = rng.nextInt(100) < vpcPercent;
    const u = unit();
    return Math.round(vpc ? 15_000 + 5_000 * u : 100 * 80 ** u);
  });
}

const STRATEGIES: WaitingStrategy[] = [
  eventuallyStrategy("eventually (defaults)"),
  eventuallyStrategy("eventually ×2 ≤5 s (old)", { factor: 2, maxDelayMs: 5_000 }),
  fixedSleep(10_000),
  fixedInterval(5_000, 3),
];

const NOT_READY = new Error("not ready");

/** Wall and CPU time since the call: the machine may be shared, so CPU is the steadier figure. */
function clocks(): { spent(): string } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return {
    spent() {
      const used = process.cpuUsage(cpu);
      return `${(performance.now() - wall).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`;
    },
  };
}

async function counterTrial(strategy: WaitingStrategy, readyMs: number): Promise<TrialOutcome> {
  let nowMs = 0;
  let probes = 0;
  const seen = await strategy.run(
    () => {
      probes++;
      if (nowMs < readyMs) throw NOT_READY;
    },
    async (ms) => {
      nowMs += ms;
    },
  );
  return { readyMs, passedAtMs: seen ? nowMs : undefined, probes };
}

async function part1(): Promise<void> {
  const readiness = drawReadinessMs(TRIALS, SEED, 10);
  const started = clocks();
  const rows: string[][] = [];
  for (const strategy of STRATEGIES) {
    const outcomes: TrialOutcome[] = [];
    for (const readyMs of readiness) outcomes.push(await counterTrial(strategy, readyMs));
    rows.push(summarise(strategy.name, outcomes));
  }
  console.log(
    `waiting: ${TRIALS.toLocaleString("en-US")} readiness times (seed ${SEED}; 90% log-uniform 100 ms–8 s, 10% 15–20 s), on a counter, ${started.spent()}`,
  );
  console.log(
    "overshoot = waiting past readiness in ms (trials that saw the result); rel = overshoot / readiness\n",
  );
  console.log(table(rows));
}

async function part2(): Promise<void> {
  const coldStarts = drawReadinessMs(SIM_TRIALS, SEED + 1, SIM_VPC_PERCENT);
  const started = clocks();
  const rows: string[][] = [];
  for (const strategy of STRATEGIES) {
    const outcomes: TrialOutcome[] = [];
    for (const [i, ms] of coldStarts.entries()) outcomes.push(await simulatedTrial(strategy, ms, i + 1));
    rows.push(summarise(strategy.name, outcomes));
  }
  let cold = 0;
  let initMatches = 0;
  let confirmed = 0;
  for (const [i, ms] of coldStarts.entries()) {
    const r = await coldInvokeReport(ms, i + 1);
    cold += Number(r.cold);
    initMatches += Number(r.initMatches);
    confirmed += Number(r.confirmed);
  }
  console.log(
    `\nwaiting, end to end on the simulation: ${SIM_TRIALS} cold starts (75% log-uniform 100 ms–8 s, 25% 15–20 s), queue → function → table, ${started.spent()}\n`,
  );
  console.log(table(rows));
  console.log(
    `\ninvokeWithColdStartCompensation on the same cold starts: ${cold}/${SIM_TRIALS} reported cold, init duration = configured in ${initMatches}/${SIM_TRIALS}, payload confirmed in the logs in ${confirmed}/${SIM_TRIALS}`,
  );
}

await part1();
if (SIM_TRIALS > 0) await part2();

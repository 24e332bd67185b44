import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChoiceRecording } from "./choices.ts";
import { pctSelector } from "./pct-selector.ts";
import { fifoSelector, randomSelector, type Selector } from "./selector.ts";
import { SelectorOptionsError } from "./selector-options-error.ts";
import { createSimulation, type Simulation } from "./simulation.ts";

// Three tasks, all ready at the same virtual time; each step schedules the task's next one at
// delay 0, so every step but the last ones is a tie the selector decides.
const STEPS = { A: 8, B: 2, C: 2 } as const;
const TASKS = Object.keys(STEPS).length;
// 12 actions make at most 11 decisions: the last action never ties.
const MAX_STEPS = Object.values(STEPS).reduce((sum, steps) => sum + steps, 0) - 1;

interface TaskRun {
  readonly log: readonly string[];
  readonly sim: Simulation;
}

async function runTasks(
  seed: number,
  selector: Selector,
  replay: { recording: ChoiceRecording; replayMode: "strict" | "lenient" } | object = {},
): Promise<TaskRun> {
  const sim = createSimulation({ seed, selector, ...replay });
  const log: string[] = [];
  for (const [task, steps] of Object.entries(STEPS)) {
    const step = (i: number) => () => {
      log.push(`${task}${i}`);
      if (i < steps) sim.schedule(0, `task.${task}`, step(i + 1));
    };
    sim.schedule(0, `task.${task}`, step(1));
  }
  await sim.runUntilIdle();
  sim.dispose();
  return { log, sim };
}

// The bug: A reads at its 7th step and writes back at its 8th; B's first step lands in between
// (a lost update). Depth 2: it needs A7 before B1 and B1 before A8.
const lostUpdate = (log: readonly string[]): boolean => {
  const b1 = log.indexOf("B1");
  return log.indexOf("A7") < b1 && b1 < log.indexOf("A8");
};

async function hitRate(selector: Selector, seeds: number): Promise<{ rate: number; maxDecisions: number }> {
  let hits = 0;
  let maxDecisions = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const { log, sim } = await runTasks(seed, selector);
    if (lostUpdate(log)) hits++;
    if ("decisionsMade" in selector) maxDecisions = Math.max(maxDecisions, pctDecisions(selector, sim));
  }
  return { rate: hits / seeds, maxDecisions };
}

const pctDecisions = (selector: Selector, sim: Simulation): number =>
  (selector as ReturnType<typeof pctSelector>).decisionsMade(sim.choices);

// Holds the virtualised globals for the thousands of runs below, which would otherwise install
// and remove them once per run (most of the time a tiny run takes).
let keeper: Simulation;
beforeAll(() => {
  keeper = createSimulation({ seed: 0 });
});
afterAll(() => keeper.dispose());

describe("pctSelector", () => {
  it("finds a depth-2 lost update at least as often as its bound 1/(n·k), where random rarely does", async () => {
    const seeds = 3_000;
    const pct = await hitRate(pctSelector({ depth: 2, maxSteps: MAX_STEPS }), seeds);
    // k is what the runs actually made, and the range the change points were drawn from.
    expect(pct.maxDecisions).toBe(MAX_STEPS);
    const bound = 1 / (TASKS * pct.maxDecisions); // 1/33 ≈ 0.030
    const random = await hitRate(randomSelector, seeds);
    // Measured (3,000 seeds): PCT 0.0517, random 0.0053. Random must skip B1 past seven ties in a row.
    expect(pct.rate, `PCT hit rate ${pct.rate}, bound ${bound}`).toBeGreaterThanOrEqual(bound);
    expect(random.rate, `random ${random.rate} vs PCT ${pct.rate}`).toBeLessThan(pct.rate / 2);
  });

  it("never finds it aiming at depth 1: fixed priorities run each task to its end", async () => {
    const { rate } = await hitRate(pctSelector({ depth: 1, maxSteps: MAX_STEPS }), 300);
    expect(rate).toBe(0);
  });

  it("replays a run from its recording, whose draws are labelled pct.*", async () => {
    const selector = pctSelector({ depth: 3, maxSteps: MAX_STEPS });
    const first = await runTasks(42, selector);
    const recording = first.sim.choices.recording();
    expect(recording.choices.map((c) => c.label)).toEqual([
      "pct.changePoint",
      "pct.changePoint",
      "pct.priority",
      "pct.priority",
      "pct.priority",
    ]);
    const again = await runTasks(999, selector, { recording, replayMode: "strict" });
    expect(again.log).toEqual(first.log);
    expect((await runTasks(42, pctSelector({ depth: 3, maxSteps: MAX_STEPS }))).log).toEqual(first.log);
  });

  it("keeps its state per simulation, so one selector serves runs at once as fresh ones would", async () => {
    const shared = pctSelector({ depth: 2, maxSteps: MAX_STEPS });
    const together = await Promise.all([1, 2, 3, 4].map((seed) => runTasks(seed, shared)));
    for (const [i, run] of together.entries()) {
      const alone = await runTasks(i + 1, pctSelector({ depth: 2, maxSteps: MAX_STEPS }));
      expect(run.log).toEqual(alone.log);
    }
    expect(new Set(together.map((run) => run.log.join())).size).toBeGreaterThan(1);
  });

  it("runs tasks to their end in first-seen order when every draw is 0, as shrinking leaves them", async () => {
    const zeros = { recording: { seed: 5, choices: [] }, replayMode: "lenient" as const };
    const { log } = await runTasks(5, pctSelector({ depth: 2, maxSteps: 50 }), zeros);
    expect(log).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2", "C1", "C2"]);
  });

  it("never reorders the actions of one task", async () => {
    const oneTask = pctSelector({ depth: 3, maxSteps: MAX_STEPS, taskOf: () => "everything" });
    for (const seed of [1, 2, 3]) {
      expect((await runTasks(seed, oneTask)).log).toEqual((await runTasks(seed, fifoSelector)).log);
    }
  });

  it("rejects a depth or maxSteps it cannot use, naming the fix", () => {
    expect(() => pctSelector({ depth: 0, maxSteps: 10 })).toThrow(SelectorOptionsError);
    expect(() => pctSelector({ depth: 2.5, maxSteps: 10 })).toThrow(/depth must be an integer from 1 to/);
    expect(() => pctSelector({ depth: 5, maxSteps: 3 })).toThrow(/maxSteps \+ 1 \(4\), got 5/);
    expect(() => pctSelector({ depth: 2, maxSteps: 0 })).toThrow(/maxSteps must be a positive integer/);
  });
});

import type { ChoiceStream } from "./choices.ts";
import { PctSchedule } from "./pct-schedule.ts";
import type { ReadyAction, Selector } from "./selector.ts";
import { SelectorOptionsError } from "./selector-options-error.ts";

/** Options of {@link pctSelector}. */
export interface PctSelectorOptions {
  /**
   * The bug depth d to aim at: how many ordering constraints between actions the bug needs.
   * A run makes d − 1 priority changes. An integer ≥ 1; 1 means fixed priorities.
   */
  readonly depth: number;
  /**
   * PCT's k: an upper bound on the scheduling decisions a run makes. Change points are drawn in
   * [1, maxSteps]; decisions past it are never change points. See {@link PctSelector.decisionsMade}.
   */
  readonly maxSteps: number;
  /**
   * Which task (PCT's thread) an action belongs to. Actions of one task always run in the order
   * they were scheduled; only the order across tasks is explored. Default {@link taskFromLabel}.
   */
  readonly taskOf?: (action: ReadyAction) => string;
}

/** A PCT selector: a {@link Selector} that can also say how many decisions a run made. */
export interface PctSelector extends Selector {
  /**
   * The number of scheduling decisions the run drawing from `choices` has made so far (0 if it
   * made none): PCT's k for that run. Set `maxSteps` to at least the largest you see.
   */
  decisionsMade(choices: ChoiceStream): number;
}

/**
 * The default task of an action: its label. Squall's labels name a kind of work on one
 * resource, so by default a task is, for example, every `DynamoDB.UpdateItem` call arriving at
 * DynamoDB (`<Service>.<Operation>`), the cold starts of one function (`lambda.<fn>.init`), the
 * async-invoke attempts of one function (`lambda.<fn>.async`), one queue's poller wake-ups
 * (`sqs.<queue>.wake`), one topic's deliveries (`sns.<topic>.deliver`), or the timers handler
 * code sets (`setTimeout`, `setInterval`, `setImmediate`). Two actions with the same label are
 * never reordered; pass `taskOf` for finer tasks.
 *
 * @example
 * taskFromLabel({ label: "sqs.Orders.wake", seq: 12 }); // "sqs.Orders.wake"
 */
export function taskFromLabel(action: ReadyAction): string {
  return action.label;
}

/**
 * PCT — probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS
 * 2010) — as a selector: it explores the orders in which simultaneous deliveries and invocations
 * run, aiming at bugs that need only a few ordering constraints to show.
 *
 * How it schedules: each task gets a random priority (draw `pct.priority`) the first time one of
 * its actions is in a tie, and at every decision the highest-priority task's earliest-scheduled
 * ready action runs. At the run's first decision, `depth − 1` distinct change points are drawn
 * in [1, maxSteps] (`pct.changePoint`); at those decisions the task about to run is demoted
 * below every other task (and below earlier demotions), and the choice is made again.
 *
 * Guarantee: one run finds a bug of depth d with probability at least 1/(n·k^(d−1)), where n is
 * the number of tasks and k = `maxSteps`; r runs (seeds) all miss it with probability at most
 * (1 − 1/(n·k^(d−1)))^r. In Squall's setting this assumes:
 * - A step is a decision: a `select` call, which the loop makes only when two or more actions are
 *   ready at the same virtual time. PCT reorders such ties; it never moves an action in time
 *   (fault plans' delays and reordering do that), so it finds ordering bugs, not timing bugs.
 * - k bounds the decisions of a run. Decisions past `maxSteps` are never change points: the
 *   bound then holds only for bugs whose preemptions fall within the first `maxSteps` decisions.
 * - n counts every task that can appear in a run, not just those a run happens to see.
 *   Priorities are drawn lazily, on first sight, but independently, which is the same as drawing
 *   them all up front, so n need not be known in advance — only bounded, for reading the bound.
 * - The bug's constraints relate actions of different tasks: a task's own actions keep their
 *   order. Other draws of the run (latencies, faults) do not weaken the bound: it holds for any
 *   values of them under which the bug has depth d.
 *
 * State is per run: the selector keeps it per choice stream, that is per simulation, so one
 * selector may serve many simulations, one after another or at once, each starting afresh, and
 * a replay of a recording starts afresh too. Each call of the factory builds a new selector.
 *
 * @example
 * const pct = pctSelector({ depth: 2, maxSteps: 200 });
 * const sim = createSimulation({ seed: 7, selector: pct });
 * await sim.run(scenario);
 * pct.decisionsMade(sim.choices); // keep maxSteps at least this
 */
export function pctSelector(options: PctSelectorOptions): PctSelector {
  const { depth, maxSteps } = options;
  checkOptions(depth, maxSteps);
  const taskOf = options.taskOf ?? taskFromLabel;
  const runs = new WeakMap<ChoiceStream, PctSchedule>();
  const scheduleOf = (choices: ChoiceStream): PctSchedule => {
    let schedule = runs.get(choices);
    if (schedule === undefined) {
      schedule = new PctSchedule(depth - 1, maxSteps, choices);
      runs.set(choices, schedule);
    }
    return schedule;
  };
  return {
    name: `pct(depth ${depth}, maxSteps ${maxSteps})`,
    select: (ready, choices) => scheduleOf(choices).choose(ready, taskOf, choices),
    decisionsMade: (choices) => runs.get(choices)?.decisionCount ?? 0,
  };
}

function checkOptions(depth: number, maxSteps: number): void {
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) {
    throw new SelectorOptionsError(
      `pctSelector: maxSteps must be a positive integer (an upper bound on a run's scheduling decisions), got ${maxSteps}`,
    );
  }
  if (!Number.isSafeInteger(depth) || depth < 1 || depth - 1 > maxSteps) {
    throw new SelectorOptionsError(
      `pctSelector: depth must be an integer from 1 to maxSteps + 1 (${maxSteps + 1}), got ${depth}; ` +
        "most ordering bugs have depth 1 to 3",
    );
  }
}

import type { ChoiceStream } from "./choices.ts";
import type { ReadyAction } from "./selector.ts";

// Wide enough that two tasks almost never draw the same priority (n tasks tie with probability
// below n²/2^33); a tie goes to the task seen first, so all-zero draws mean first-come order.
const PRIORITY_BOUND = 2 ** 32;

interface TaskPriority {
  value: number;
  readonly seen: number;
}

/**
 * One run's PCT state: each task's priority, the decisions made so far, and the decisions at
 * which the task about to run is demoted instead. Every random decision is a labelled draw on the
 * run's choice stream, so a run replays from its recording and shrinks by lowering draws.
 */
export class PctSchedule {
  private readonly priorities = new Map<string, TaskPriority>();
  private readonly changePoints: ReadonlySet<number>;
  private decisions = 0;
  private demotions = 0;

  constructor(changePointCount: number, maxSteps: number, choices: ChoiceStream) {
    this.changePoints = drawChangePoints(changePointCount, maxSteps, choices);
  }

  /** How many scheduling decisions (select calls) this run has made: PCT's step count. */
  get decisionCount(): number {
    return this.decisions;
  }

  /** Picks the ready action of the highest-priority task, demoting that task first at a change point. */
  choose(
    ready: readonly ReadyAction[],
    taskOf: (action: ReadyAction) => string,
    choices: ChoiceStream,
  ): number {
    const step = ++this.decisions;
    const tasks = ready.map((action) => taskOf(action));
    for (const task of tasks) this.prioritise(task, choices);
    const first = this.best(ready, tasks);
    if (!this.changePoints.has(step)) return first;
    this.demote(tasks[first] as string);
    return this.best(ready, tasks);
  }

  // Independent uniform draws put the tasks seen so far in uniformly random order, whatever
  // order they show up in: drawing lazily is the same as drawing every task's priority up front.
  private prioritise(task: string, choices: ChoiceStream): void {
    if (this.priorities.has(task)) return;
    const value = choices.nextInt("pct.priority", PRIORITY_BOUND);
    this.priorities.set(task, { value, seen: this.priorities.size });
  }

  // Below every drawn priority (≥ 0) and below every earlier demotion, as in the paper, where the
  // i-th change point's thread gets a priority lower than all before it.
  private demote(task: string): void {
    const priority = this.priorities.get(task) as TaskPriority;
    priority.value = -++this.demotions;
  }

  // Within one task, ties run in scheduling order: a task's actions are its program order.
  private best(ready: readonly ReadyAction[], tasks: readonly string[]): number {
    let best = 0;
    for (let i = 1; i < ready.length; i++) {
      const order = this.compare(tasks[i] as string, tasks[best] as string);
      if (order > 0 || (order === 0 && (ready[i] as ReadyAction).seq < (ready[best] as ReadyAction).seq))
        best = i;
    }
    return best;
  }

  /** Positive when task `a` outranks task `b`, zero when they are the same task. */
  private compare(a: string, b: string): number {
    if (a === b) return 0;
    const pa = this.priorities.get(a) as TaskPriority;
    const pb = this.priorities.get(b) as TaskPriority;
    if (pa.value !== pb.value) return pa.value - pb.value;
    return pb.seen - pa.seen;
  }
}

/**
 * `count` distinct decisions in [1, maxSteps], each drawn uniformly among those not yet taken.
 * A draw counts down from `maxSteps`, so 0 — what shrinking lowers a draw to — is the latest
 * decision, which a run that makes fewer than `maxSteps` never reaches: no preemption.
 */
function drawChangePoints(count: number, maxSteps: number, choices: ChoiceStream): Set<number> {
  const taken: number[] = [];
  for (let i = 0; i < count; i++) {
    let step = maxSteps - choices.nextInt("pct.changePoint", maxSteps - i);
    // The draw indexes the free steps from the top; walking the taken ones downwards skips them.
    for (const t of taken) if (t >= step) step--;
    taken.push(step);
    taken.sort((x, y) => y - x);
  }
  return new Set(taken);
}

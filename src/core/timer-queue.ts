import { compareDue, DueHeap } from "./due-heap.ts";

/** An action scheduled on virtual time. */
export interface ScheduledAction {
  readonly id: number;
  /** Virtual time at which it becomes ready, ms since the epoch. */
  dueMs: number;
  /** Tie-breaker: the order in which actions were scheduled. */
  seq: number;
  readonly label: string;
  /** Dropped (with `context`) once cancelled, so what it holds can be collected before it surfaces. */
  run: () => void;
  /** The async context (simulation + span) to run in; captured when it was scheduled. */
  context: unknown;
  /** Set for setInterval: the action is rescheduled this far ahead after each run. */
  readonly repeatMs: number | undefined;
  cancelled: boolean;
  /** Background actions do not keep the loop busy (see KernelServices.schedule). */
  background: boolean;
}

/**
 * The actions scheduled on virtual time, in (dueMs, seq) order (a {@link DueHeap}: cancelling is
 * lazy), counting apart those that keep the loop busy.
 */
export class TimerQueue {
  private readonly heap = new DueHeap<ScheduledAction>();
  private liveForeground = 0;

  /** Number of scheduled, not cancelled, actions. */
  get size(): number {
    return this.heap.size;
  }

  /** Number of scheduled, not cancelled, actions that keep the loop busy. */
  get foregroundSize(): number {
    return this.liveForeground;
  }

  /** Schedules an action; a repeating one comes back live. */
  push(action: ScheduledAction): void {
    this.heap.push(action);
    if (!action.background) this.liveForeground++;
  }

  cancel(action: ScheduledAction): void {
    if (!this.heap.cancel(action)) return;
    if (!action.background) this.liveForeground--;
    // Never run or pushed again once cancelled: what its closure and context hold (an invocation,
    // a long poll) need not wait in the heap until it surfaces.
    action.run = cancelledRun;
    action.context = undefined;
  }

  /** Moves a live action between foreground and background (Timeout#ref / #unref). */
  setBackground(action: ScheduledAction, background: boolean): void {
    if (!action.cancelled && action.background !== background) this.liveForeground += background ? -1 : 1;
    action.background = background;
  }

  /** The earliest live action, without removing it. */
  peek(): ScheduledAction | undefined {
    return this.heap.peek();
  }

  /** Removes and returns the earliest live action. */
  pop(): ScheduledAction | undefined {
    const top = this.heap.pop();
    if (top !== undefined && !top.background) this.liveForeground--;
    return top;
  }

  /** Every live action due at exactly `dueMs`, earliest scheduled first (for tie-choosing selectors). */
  popAllDueAt(dueMs: number): ScheduledAction[] {
    const out: ScheduledAction[] = [];
    for (let next = this.peek(); next !== undefined && next.dueMs === dueMs; next = this.peek()) {
      out.push(next);
      this.pop();
    }
    return out;
  }

  /** Labels and due times of the live actions, for stall and budget reports. */
  pending(): { label: string; dueMs: number }[] {
    return this.heap
      .liveEntries()
      .sort(compareDue)
      .map((a) => ({ label: a.label, dueMs: a.dueMs }));
  }
}

function cancelledRun(): void {}

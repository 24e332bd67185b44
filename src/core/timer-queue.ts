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
 * A binary min-heap of scheduled actions ordered by (dueMs, seq). Cancelled actions stay in
 * the heap and are skipped when they surface: cancelling is O(1) and timers are mostly cancelled
 * before they fire (SDK time-outs), so lazy deletion is cheaper than a search.
 */
export class TimerQueue {
  private readonly heap: ScheduledAction[] = [];
  private live = 0;
  private liveForeground = 0;

  /** Number of scheduled, not cancelled, actions. */
  get size(): number {
    return this.live;
  }

  /** Number of scheduled, not cancelled, actions that keep the loop busy. */
  get foregroundSize(): number {
    return this.liveForeground;
  }

  push(action: ScheduledAction): void {
    action.cancelled = false; // a repeating action comes back live
    this.heap.push(action);
    this.count(action, 1);
    this.up(this.heap.length - 1);
  }

  cancel(action: ScheduledAction): void {
    if (action.cancelled) return;
    action.cancelled = true;
    this.count(action, -1);
    // Never run or pushed again once cancelled: what its closure and context hold (an invocation,
    // a long poll) need not wait in the heap until it surfaces.
    action.run = cancelledRun;
    action.context = undefined;
    // Cancelled actions wait in the heap until they surface; when they outnumber the live ones
    // (timeouts cleared by the thousand in a long run) the heap is rebuilt without them.
    if (this.heap.length > 1024 && this.heap.length > 2 * this.live) this.compact();
  }

  /** Moves a live action between foreground and background (Timeout#ref / #unref). */
  setBackground(action: ScheduledAction, background: boolean): void {
    if (action.cancelled || action.background === background) {
      action.background = background;
      return;
    }
    this.count(action, -1);
    action.background = background;
    this.count(action, 1);
  }

  /** The earliest live action, without removing it. */
  peek(): ScheduledAction | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Removes and returns the earliest live action. */
  pop(): ScheduledAction | undefined {
    this.dropCancelled();
    const top = this.removeTop();
    if (top !== undefined) {
      this.count(top, -1);
      // Taken to run: cancelling it from now on must not count it out a second time.
      top.cancelled = true;
    }
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
      .filter((a) => !a.cancelled)
      .sort(compare)
      .map((a) => ({ label: a.label, dueMs: a.dueMs }));
  }

  private count(action: ScheduledAction, delta: number): void {
    this.live += delta;
    if (!action.background) this.liveForeground += delta;
  }

  private compact(): void {
    let kept = 0;
    for (const a of this.heap) if (!a.cancelled) this.heap[kept++] = a;
    this.heap.length = kept;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]?.cancelled === true) this.removeTop();
  }

  private removeTop(): ScheduledAction | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top !== undefined && last !== undefined && top !== last) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private up(index: number): void {
    const h = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const a = h[i] as ScheduledAction;
      const p = h[parent] as ScheduledAction;
      if (compare(a, p) >= 0) break;
      h[i] = p;
      h[parent] = a;
      i = parent;
    }
  }

  private down(index: number): void {
    const h = this.heap;
    let i = index;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < h.length && compare(h[l] as ScheduledAction, h[smallest] as ScheduledAction) < 0) smallest = l;
      if (r < h.length && compare(h[r] as ScheduledAction, h[smallest] as ScheduledAction) < 0) smallest = r;
      if (smallest === i) return;
      const tmp = h[i] as ScheduledAction;
      h[i] = h[smallest] as ScheduledAction;
      h[smallest] = tmp;
      i = smallest;
    }
  }
}

function compare(a: ScheduledAction, b: ScheduledAction): number {
  return a.dueMs - b.dueMs || a.seq - b.seq;
}

function cancelledRun(): void {}

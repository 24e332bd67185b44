import { currentContext, runInContext, type SimContext } from "../../core/context.ts";
import type { KernelServices } from "../../core/services.ts";

/** What a {@link TtlQueue} orders, marks and runs; the TTL sweeper's entries carry more. */
export interface QueuedEntry {
  /** Virtual time at which the entry is due, ms since the epoch. */
  dueMs: number;
  /** Tie-breaker among entries due in the same millisecond: the order they were pushed in. */
  seq: number;
  /** Set once cancelled or popped: the entry is then skipped when it surfaces. */
  cancelled: boolean;
  /** The label of the kernel timer while this entry is the earliest. */
  label: string;
  /**
   * The async context (simulation + span) to run the entry in, as its own kernel timer would
   * have: so a TTL deletion still names the span that wrote the item as its cause. `undefined`
   * outside a simulation (a hand-made kernel in a unit test) or for work begun outside any span.
   */
  readonly context: SimContext | undefined;
}

/**
 * Background work on virtual time under ONE kernel timer: entries wait in a {@link DueHeap} and
 * the timer is kept set for the earliest (cancelled and set anew when another becomes the
 * earliest). When it fires, every entry due by then runs, in (dueMs, seq) order, including those
 * the running ones push for the same millisecond. A kernel timer per entry cost ~420 B each and
 * deepened the heap that every simulated action goes through (~180,000 TTL timers after an hour
 * of the inventory benchmark).
 *
 * The price: entries due in the same millisecond run inside one kernel action instead of one
 * action each, and that action's place among the others due then follows when the timer was set,
 * not when each entry was queued. So a selector choosing among the actions of one millisecond
 * (random, PCT) has fewer to choose from, even FIFO may order TTL work differently against the
 * other actions of that millisecond, and traces of runs with TTL work differ from those of
 * per-entry timers. The same seed still gives the same trace; the entries' draws keep their order.
 *
 * @example
 * const queue = new TtlQueue<Entry>(kernel, (entry) => expire(entry));
 * queue.push({ dueMs: kernel.nowMs() + 1000, seq: 0, cancelled: false, label: "ttl", context: undefined });
 */
export class TtlQueue<T extends QueuedEntry> {
  private readonly heap = new DueHeap<T>();
  /** Cancels the kernel timer, set for `timerDueMs` with `timerLabel`; undefined when none is set. */
  private cancelTimer: (() => void) | undefined;
  private timerDueMs = 0;
  private timerLabel = "";
  /** While the queue changes many times over (a sweep, enabling a table): the timer is set once after. */
  private batching = false;
  /** `{ sim, spanId: undefined }` of the simulation, once seen: the timer itself runs in no span. */
  private rootContext: SimContext | undefined;

  constructor(
    private readonly kernel: KernelServices,
    private readonly run: (entry: T) => void,
  ) {}

  /** Queues an entry (again, once it was popped to run) behind those already due at its `dueMs`. */
  push(entry: T): void {
    this.heap.push(entry);
    this.setTimer();
  }

  /** Drops a queued entry; nothing is left behind to run for it. */
  cancel(entry: T): void {
    this.heap.cancel(entry);
    this.setTimer();
  }

  /** Runs `change` with the kernel timer left alone until it is done, then sets it once. */
  batch(change: () => void): void {
    if (this.batching) {
      change();
      return;
    }
    this.batching = true;
    try {
      change();
    } finally {
      this.batching = false;
      this.setTimer();
    }
  }

  /** The kernel timer's action: runs every entry due by now, then sets the timer for the next. */
  private readonly sweep = (): void => {
    this.cancelTimer = undefined;
    this.batch(() => {
      const nowMs = this.kernel.nowMs();
      for (let next = this.heap.peek(); next !== undefined && next.dueMs <= nowMs; next = this.heap.peek()) {
        this.heap.pop();
        const entry = next;
        const context = entry.context ?? this.rootContext;
        if (context === undefined || context === currentContext()) this.run(entry);
        else runInContext(context, () => this.run(entry));
      }
    });
  };

  /** Keeps the kernel timer set for the earliest entry, and none when nothing is queued. */
  private setTimer(): void {
    if (this.batching) return;
    const next = this.heap.peek();
    if (this.cancelTimer !== undefined) {
      if (next !== undefined && next.dueMs === this.timerDueMs && next.label === this.timerLabel) return;
      this.cancelTimer();
      this.cancelTimer = undefined;
    }
    if (next === undefined) return;
    this.timerDueMs = next.dueMs;
    this.timerLabel = next.label;
    // Scheduled from no span: whichever write happened to move the timer says nothing of the
    // entries it will run, and each of those runs in its own context.
    // Background: pending work must not keep runUntilIdle() jumping days ahead to run it.
    const schedule = (): (() => void) =>
      this.kernel.schedule(next.dueMs - this.kernel.nowMs(), next.label, this.sweep, { background: true });
    const here = currentContext();
    if (here === undefined) {
      this.cancelTimer = schedule();
      return;
    }
    this.rootContext ??= { sim: here.sim, spanId: undefined };
    this.cancelTimer = here === this.rootContext ? schedule() : runInContext(this.rootContext, schedule);
  }
}

/**
 * A binary min-heap ordered by (dueMs, seq), as the kernel's timer queue orders its actions, so
 * entries run in the order their own kernel timers would have. Cancelling is lazy: an item
 * rewritten with another expiry leaves its old entry in the heap, skipped when it surfaces, and
 * the heap is rebuilt without such entries once they outnumber the live ones.
 *
 * @example
 * const heap = new DueHeap<QueuedEntry>();
 * heap.push({ dueMs: 5, seq: 0, cancelled: false, label: "a", context: undefined });
 * heap.pop()?.label; // "a"
 */
export class DueHeap<T extends QueuedEntry> {
  private readonly heap: T[] = [];
  private nextSeq = 0;
  private live = 0;

  /** Number of entries pushed and neither cancelled nor popped since. */
  get size(): number {
    return this.live;
  }

  /** Adds an entry (again, after it was popped) behind every entry already due at its `dueMs`. */
  push(entry: T): void {
    entry.seq = this.nextSeq++;
    entry.cancelled = false;
    this.live++;
    this.heap.push(entry);
    this.up(this.heap.length - 1);
  }

  /** Drops an entry that is queued; does nothing for one already cancelled or popped. */
  cancel(entry: T): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    this.live--;
    if (this.heap.length > 1024 && this.heap.length > 2 * this.live) this.compact();
  }

  /** The earliest live entry, without removing it. */
  peek(): T | undefined {
    while (this.heap[0]?.cancelled === true) this.removeTop();
    return this.heap[0];
  }

  /** Removes and returns the earliest live entry. */
  pop(): T | undefined {
    const top = this.peek();
    if (top === undefined) return undefined;
    this.removeTop();
    this.live--;
    // Taken to run: cancelling it from now on must not count it out a second time.
    top.cancelled = true;
    return top;
  }

  private compact(): void {
    let kept = 0;
    for (const entry of this.heap) if (!entry.cancelled) this.heap[kept++] = entry;
    this.heap.length = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private removeTop(): void {
    const last = this.heap.pop();
    if (last === undefined || this.heap.length === 0) return;
    this.heap[0] = last;
    this.down(0);
  }

  private up(index: number): void {
    const h = this.heap;
    const entry = h[index] as T;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as T;
      if (!before(entry, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = entry;
  }

  private down(index: number): void {
    const h = this.heap;
    const entry = h[index] as T;
    let i = index;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && before(h[r] as T, h[l] as T) ? r : l;
      const c = h[child] as T;
      if (!before(c, entry)) break;
      h[i] = c;
      i = child;
    }
    h[i] = entry;
  }
}

function before(a: QueuedEntry, b: QueuedEntry): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
}

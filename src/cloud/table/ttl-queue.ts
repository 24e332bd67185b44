import { currentContext, runInContext, type SimContext } from "../../core/context.ts";
import { type Due, DueHeap } from "../../core/due-heap.ts";
import type { KernelServices } from "../../core/services.ts";

/** What a {@link TtlQueue} orders, marks and runs; the TTL sweeper's entries carry more. */
export interface QueuedEntry extends Due {
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
  private nextSeq = 0;
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
    entry.seq = this.nextSeq++;
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

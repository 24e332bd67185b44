/** What a {@link DueHeap} orders and marks. */
export interface Due {
  /** Virtual time at which the entry is due, ms since the epoch. */
  dueMs: number;
  /** Tie-breaker among entries due in the same millisecond; set by the heap's owner, unique. */
  seq: number;
  /** Set once cancelled or popped: the entry is then skipped when it surfaces. */
  cancelled: boolean;
}

/**
 * A binary min-heap ordered by (dueMs, seq): the kernel's timer queue and the queues of services
 * that keep their own background work (TTL). Cancelling is lazy — O(1), the entry is skipped when
 * it surfaces — because most timers are cancelled before they fire (SDK time-outs, rewritten
 * items); once cancelled entries outnumber the live ones the heap is rebuilt without them.
 *
 * @example
 * const heap = new DueHeap<Due>();
 * heap.push({ dueMs: 5, seq: 0, cancelled: false });
 * heap.pop()?.dueMs; // 5
 */
export class DueHeap<T extends Due> {
  private readonly heap: T[] = [];
  private live = 0;

  /** Number of entries pushed and neither cancelled nor popped since. */
  get size(): number {
    return this.live;
  }

  /** Adds an entry (again, after it was popped): it comes back live. */
  push(entry: T): void {
    entry.cancelled = false;
    this.live++;
    this.heap.push(entry);
    this.up(this.heap.length - 1);
  }

  /** Drops an entry; returns false, doing nothing, for one already cancelled or popped. */
  cancel(entry: T): boolean {
    if (entry.cancelled) return false;
    entry.cancelled = true;
    this.live--;
    if (this.heap.length > 1024 && this.heap.length > 2 * this.live) this.compact();
    return true;
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

  /** The live entries, in no particular order. */
  liveEntries(): T[] {
    return this.heap.filter((entry) => !entry.cancelled);
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

/** Whether `a` comes out of the heap before `b`. */
function before(a: Due, b: Due): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
}

/**
 * The heap's order as a comparator, for sorting entries taken out of it.
 *
 * @example heap.liveEntries().sort(compareDue) // in the order they would pop
 */
export function compareDue(a: Due, b: Due): number {
  return a.dueMs - b.dueMs || a.seq - b.seq;
}

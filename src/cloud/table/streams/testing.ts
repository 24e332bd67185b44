import type { KernelServices } from "../../../core/services.ts";
import type { AttributeValue } from "../values.ts";

/**
 * The string inside an `{ S }` value, or `undefined` for any other value (test assertions).
 *
 * @example
 * stringOf(record.dynamodb.Keys.pk); // "order-1"
 */
export function stringOf(value: AttributeValue | undefined): string | undefined {
  return value !== undefined && "S" in value ? value.S : undefined;
}

/**
 * A hand-made {@link KernelServices} for the unit tests of streams, TTL and capacity: a clock that
 * moves only when told, a seeded mulberry32 PRNG whose draws are recorded, and a timer list that
 * `advance` runs in time order.
 *
 * @example
 * const kernel = new ManualKernel({ seed: 3 });
 * kernel.schedule(1000, "tick", () => ticks++);
 * kernel.advance(1000); // ticks === 1
 */
export class ManualKernel implements KernelServices {
  /** Every draw so far: its label, bound and value. */
  readonly draws: { label: string; bound: number; value: number }[] = [];
  /** What `currentSpanId()` returns; tests set it to check causality links. */
  spanId: string | undefined;
  private clockMs: number;
  private state: number;
  private nextTimerId = 0;
  private timers: { atMs: number; id: number; label: string; action: () => void }[] = [];

  constructor(options: { nowMs?: number; seed?: number } = {}) {
    this.clockMs = options.nowMs ?? Date.UTC(2026, 0, 1);
    this.state = (options.seed ?? 1) >>> 0;
  }

  nowMs(): number {
    return this.clockMs;
  }

  nextInt(label: string, boundExclusive: number): number {
    if (!Number.isInteger(boundExclusive) || boundExclusive < 1) {
      throw new RangeError(`nextInt("${label}"): bound must be a positive integer, got ${boundExclusive}`);
    }
    // mulberry32: 32-bit state, good enough spread for tests.
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
    const value = Math.floor(unit * boundExclusive);
    this.draws.push({ label, bound: boundExclusive, value });
    return value;
  }

  uuid(label: string): string {
    const hex = Array.from({ length: 8 }, () =>
      this.nextInt(label, 0x10000).toString(16).padStart(4, "0"),
    ).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  schedule(delayMs: number, label: string, action: () => void): () => void {
    const timer = { atMs: this.clockMs + Math.max(0, delayMs), id: this.nextTimerId++, label, action };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** No run loop to hold still here: the work is awaited as it is. */
  awaitReal<T>(_label: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    return typeof work === "function" ? work() : work;
  }

  currentSpanId(): string | undefined {
    return this.spanId;
  }

  /** Labels of the pending timers, earliest first. */
  pendingLabels(): string[] {
    return this.sortedTimers().map((t) => t.label);
  }

  /** Moves the clock forward by `ms`, running every timer that falls due, in time order. */
  advance(ms: number): void {
    const endMs = this.clockMs + ms;
    for (;;) {
      const next = this.sortedTimers()[0];
      if (next === undefined || next.atMs > endMs) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.clockMs = Math.max(this.clockMs, next.atMs);
      next.action();
    }
    this.clockMs = endMs;
  }

  private sortedTimers(): ManualKernel["timers"] {
    return [...this.timers].sort((a, b) => a.atMs - b.atMs || a.id - b.id);
  }
}

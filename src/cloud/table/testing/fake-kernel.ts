import type { KernelServices } from "../../../core/services.ts";

/** One action scheduled on a {@link FakeKernel}. */
interface ScheduledAction {
  readonly atMs: number;
  readonly seq: number;
  readonly label: string;
  readonly action: () => void;
}

/**
 * A small hand-made {@link KernelServices} for unit tests of simulated services: a clock that only
 * moves when told, a seeded xorshift PRNG, and a timer list run by {@link FakeKernel.advance}. It
 * records every draw so tests can assert which choices a service asked for.
 *
 * @example
 * const kernel = new FakeKernel({ nowMs: 1_700_000_000_000, seed: 7 });
 * const table = new DynamoDbService(kernel);
 * kernel.advance(1000); // runs actions scheduled in the next second
 */
export class FakeKernel implements KernelServices {
  /** Every draw made so far, in order: label and value. */
  readonly draws: { label: string; value: number }[] = [];
  /** The span id returned by `currentSpanId()`; tests set it to check causality links. */
  spanId: string | undefined;
  private clockMs: number;
  private state: number;
  private seq = 0;
  private pending: ScheduledAction[] = [];

  constructor(options: { nowMs?: number; seed?: number; spanId?: string } = {}) {
    this.clockMs = options.nowMs ?? 1_700_000_000_000;
    // xorshift32 must not start at 0; mix the seed so that seed 0 is usable too.
    this.state = ((options.seed ?? 1) ^ 0x9e3779b9) >>> 0 || 1;
    this.spanId = options.spanId;
  }

  nowMs(): number {
    return this.clockMs;
  }

  nextInt(label: string, boundExclusive: number): number {
    if (!Number.isInteger(boundExclusive) || boundExclusive < 1) {
      throw new RangeError(`nextInt("${label}"): bound must be a positive integer, got ${boundExclusive}`);
    }
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    const value = this.state % boundExclusive;
    this.draws.push({ label, value });
    return value;
  }

  uuid(label: string): string {
    const hex = Array.from({ length: 32 }, () => this.nextInt(label, 16).toString(16)).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  schedule(delayMs: number, label: string, action: () => void): () => void {
    const entry: ScheduledAction = { atMs: this.clockMs + delayMs, seq: this.seq++, label, action };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** No run loop to hold still here: the work is awaited as it is. */
  awaitReal<T>(_label: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    return typeof work === "function" ? work() : work;
  }

  currentSpanId(): string | undefined {
    return this.spanId;
  }

  /** Labels of the actions still scheduled, earliest first. */
  scheduledLabels(): string[] {
    return this.sorted().map((p) => p.label);
  }

  /** Moves the clock forward by `ms`, running every action that falls due, in time order. */
  advance(ms: number): void {
    const endMs = this.clockMs + ms;
    for (;;) {
      const next = this.sorted()[0];
      if (next === undefined || next.atMs > endMs) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.clockMs = Math.max(this.clockMs, next.atMs);
      next.action();
    }
    this.clockMs = endMs;
  }

  private sorted(): ScheduledAction[] {
    return [...this.pending].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  }
}

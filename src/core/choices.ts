import { SquallError } from "./errors.ts";
import { Sfc32 } from "./prng.ts";

/** One labelled draw: `value` in [0, bound). */
export interface Choice {
  readonly label: string;
  readonly bound: number;
  readonly value: number;
}

/**
 * A run's recorded choices, in draw order. Plain data on purpose: shrinking edits it (deletes
 * entries, lowers values) and replays it.
 */
export interface ChoiceRecording {
  readonly seed: number;
  readonly choices: readonly Choice[];
}

/**
 * How a replay treats the recording. `strict` (the default) fails at the first draw whose label
 * differs from the recording, or when the recording runs out. `lenient` is for shrinking: labels
 * are not checked, a recorded value is reduced modulo the new bound, and draws past the end
 * return 0, the simplest choice. `by-label` is lenient too, but hands the k-th draw of a label the
 * k-th recorded value of that label: when a shrinker drops an order from a scenario, the fault
 * draws of the orders that remain keep their values instead of shifting onto other draws.
 */
export type ReplayMode = "strict" | "lenient" | "by-label";

/** Raised when a replayed run asks for a different choice than the recording holds. */
export class ReplayDivergenceError extends SquallError {
  override name = "ReplayDivergenceError";
}

/**
 * The single source of randomness in a simulation: a seeded PRNG whose every draw is labelled
 * and recorded, or a recording being replayed.
 *
 * @example
 * const choices = new ChoiceStream(7);
 * const delayMs = choices.nextInt("sqs.redeliveryDelayMs", 1000);
 * const again = new ChoiceStream(7, { recording: choices.recording() });
 * again.nextInt("sqs.redeliveryDelayMs", 1000) === delayMs; // true
 */
export class ChoiceStream {
  readonly seed: number;
  private readonly rng: Sfc32;
  private readonly labels: string[] = [];
  // Draws up to 2^53 do not fit small integers; typed arrays keep them unboxed, which spares the
  // garbage collector a heap number for most draws of a long run.
  private bounds = new Float64Array(1024);
  private values = new Float64Array(1024);
  private readonly replay: readonly Choice[] | undefined;
  private readonly mode: ReplayMode;
  // For `by-label` replays: each label's recorded values, and how many of them were drawn.
  private readonly byLabel = new Map<string, { values: number[]; next: number }>();

  private readonly keep: boolean;
  private count = 0;

  /**
   * `record: false` keeps only the count of draws, not the draws: for long load runs, which can
   * be replayed from their seed but not shrunk. `recording()` then refuses.
   */
  constructor(
    seed: number,
    options: { recording?: ChoiceRecording; mode?: ReplayMode; record?: boolean } = {},
  ) {
    if (!Number.isSafeInteger(seed)) {
      throw new SquallError(`seed must be a safe integer, got ${String(seed)}`);
    }
    this.seed = seed;
    this.rng = new Sfc32(seed);
    this.replay = options.recording?.choices;
    this.mode = options.mode ?? "strict";
    this.keep = options.record ?? true;
    if (this.mode === "by-label") {
      for (const choice of this.replay ?? []) {
        const queue = this.byLabel.get(choice.label);
        if (queue === undefined) this.byLabel.set(choice.label, { values: [choice.value], next: 0 });
        else queue.values.push(choice.value);
      }
    }
  }

  /** Draws an integer in [0, boundExclusive), labelled for replay checks. */
  nextInt(label: string, boundExclusive: number): number {
    if (!Number.isInteger(boundExclusive) || boundExclusive < 1 || boundExclusive > 2 ** 53) {
      throw new SquallError(
        `choice "${label}": bound must be an integer in [1, 2^53], got ${boundExclusive}`,
      );
    }
    const index = this.count++;
    const value =
      this.replay === undefined
        ? this.rng.nextInt(boundExclusive)
        : this.replayed(index, label, boundExclusive);
    if (this.keep) {
      if (index === this.values.length) this.grow();
      this.labels.push(label);
      this.bounds[index] = boundExclusive;
      this.values[index] = value;
    }
    return value;
  }

  /** The number of draws so far. */
  get length(): number {
    return this.count;
  }

  /** Every draw so far, in order. */
  recording(): ChoiceRecording {
    if (!this.keep)
      throw new SquallError(
        `simulation (seed ${this.seed}) ran with recordChoices: false, so it has no recording; replay it from its seed`,
      );
    const choices: Choice[] = this.labels.map((label, i) => ({
      label,
      bound: this.bounds[i] ?? 1,
      value: this.values[i] ?? 0,
    }));
    return { seed: this.seed, choices };
  }

  private grow(): void {
    const bounds = new Float64Array(this.values.length * 2);
    const values = new Float64Array(this.values.length * 2);
    bounds.set(this.bounds);
    values.set(this.values);
    this.bounds = bounds;
    this.values = values;
  }

  private replayed(index: number, label: string, bound: number): number {
    if (this.mode === "by-label") {
      const queue = this.byLabel.get(label);
      if (queue === undefined || queue.next >= queue.values.length) return 0;
      return (queue.values[queue.next++] as number) % bound;
    }
    const recorded = this.replay?.[index];
    if (recorded === undefined) {
      if (this.mode === "lenient") return 0;
      throw new ReplayDivergenceError(
        `replay diverged at choice #${index}: the run asked for "${label}" but the recording has only ${index} choices`,
      );
    }
    if (this.mode === "strict" && (recorded.label !== label || recorded.bound !== bound)) {
      throw new ReplayDivergenceError(
        `replay diverged at choice #${index}: the run asked for "${label}" (bound ${bound}) ` +
          `but the recording has "${recorded.label}" (bound ${recorded.bound})`,
      );
    }
    return recorded.value % bound;
  }
}

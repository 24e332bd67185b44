/**
 * What a shrinker asks of a candidate: replay `values` leniently; `failed` when it still fails the
 * same way, with the draws (and their labels) the replay really made.
 */
export type ShrinkProbe = (
  values: readonly number[],
) => Promise<{ failed: boolean; values: readonly number[]; labels?: readonly string[] }>;

/** Options of {@link shrinkChoices}. */
export interface ShrinkOptions {
  /** Give up improving after this many replays. Default 500. */
  readonly maxReplays?: number;
  /** The labels of the initial draws, for `worthLowering`. */
  readonly labels?: readonly string[];
  /**
   * Whether lowering a draw with this label can simplify the story. Ids (request ids, message ids)
   * cannot: they only name things. Default: every draw.
   */
  readonly worthLowering?: (label: string) => boolean;
  /** Draws to lower before all others: those that tell the story (sizes, faults), say. Default: all. */
  readonly lowerFirst?: (label: string) => boolean;
}

/** A shrunk choice sequence and the work it took. */
export interface ShrinkResult {
  readonly values: readonly number[];
  readonly replays: number;
}

/**
 * Shrinks a failing run's choice values the way Hypothesis shrinks its choice sequences: cut the
 * tail (binary search on the prefix), lower single values front to back towards 0 (the simplest
 * choice: no fault, no delay, the first option), delete small chunks — keeping each edit that
 * still fails the same way. Candidates are compared by
 * (length, values), so every kept edit makes the sequence strictly simpler and the loop ends.
 *
 * @example const { values } = await shrinkChoices(recorded, (v) => replay(v));
 */
export async function shrinkChoices(
  initial: readonly number[],
  probe: ShrinkProbe,
  options: ShrinkOptions = {},
): Promise<ShrinkResult> {
  const maxReplays = options.maxReplays ?? 500;
  let current = trimTrailingZeros(initial);
  let labels: readonly string[] = options.labels ?? [];
  const worthLowering = options.worthLowering ?? (() => true);
  const first = options.lowerFirst ?? (() => true);
  let replays = 0;
  const attempt = async (candidate: number[]): Promise<boolean> => {
    if (replays >= maxReplays || !simpler(candidate, current)) return false;
    replays++;
    const outcome = await probe(candidate);
    const drawn = trimTrailingZeros(outcome.values);
    if (!outcome.failed || !simpler(drawn, current)) return false;
    current = drawn;
    labels = outcome.labels ?? labels;
    return true;
  };
  // Lowers the value at position i: 0 first (no fault), then ever smaller cuts of its bits, so a
  // 53-bit Math.random draw costs a handful of replays, not a 53-step binary search.
  const lower = async (i: number, value: number): Promise<boolean> => {
    const at = (v: number) => current.map((old, j) => (j === i ? v : old));
    for (const divisor of [0, 2 ** 32, 2 ** 16, 256, 16, 4, 2]) {
      const candidate = divisor === 0 ? 0 : Math.floor(value / divisor);
      if (candidate < value && (await attempt(at(candidate)))) return true;
    }
    // A small value (an index, a count, a delay in ms) is worth the exact minimum.
    if (value > 1 << 16) return false;
    let low = Math.floor(value / 2);
    let high = value;
    let lowered = false;
    while (high - low > 1 && current[i] === high) {
      const mid = low + Math.floor((high - low) / 2);
      if (await attempt(at(mid))) {
        high = mid;
        lowered = true;
      } else low = mid;
    }
    return lowered;
  };
  // The shortest prefix that still fails, every later draw being 0: cuts a long run down first.
  const cut = async (): Promise<boolean> => {
    let low = 0;
    let high = current.length;
    let cutDown = false;
    while (high - low > 1) {
      const mid = low + Math.floor((high - low) / 2);
      if (await attempt(current.slice(0, mid))) {
        high = Math.min(mid, current.length);
        cutDown = true;
      } else low = mid;
    }
    return cutDown;
  };
  let improved = true;
  while (improved && replays < maxReplays) {
    improved = await cut();
    // Front to back: a scenario's sizes (how many orders) are drawn first, and lowering them
    // shortens everything after.
    for (const pass of [first, (label: string) => !first(label)]) {
      for (let i = 0; i < current.length; i++) {
        const value = current[i] as number;
        const label = labels[i] ?? "";
        if (value === 0 || !worthLowering(label) || !pass(label)) continue;
        if (await lower(i, value)) improved = true;
      }
    }
    for (let size = 8; size >= 1; size >>= 1) {
      for (let start = current.length - size; start >= 0; start -= size) {
        if (await attempt([...current.slice(0, start), ...current.slice(start + size)])) improved = true;
      }
    }
  }
  return { values: current, replays };
}

/** Draws past the end of a lenient replay are 0, so trailing zeros say nothing: drop them. */
export function trimTrailingZeros(values: readonly number[]): number[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === 0) end--;
  return values.slice(0, end);
}

/** Shortlex order: shorter is simpler; of equal length, the first smaller value decides. */
export function simpler(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return false;
}

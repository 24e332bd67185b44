/**
 * What a shrinker asks of a candidate: replay `values` leniently — by label when `labels` are
 * given (see ReplayMode `by-label`) — and say whether it still fails the same way, with the draws
 * (and their labels) the replay really made.
 */
export type ShrinkProbe = (
  values: readonly number[],
  labels: readonly string[],
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
  /**
   * Whether the last round of every pass ran to its end without an improvement: then no single
   * draw (a fault, a delay, a tie, a scenario's size or pick) can be lowered to 0 or deleted and
   * still fail — the result is 1-minimal. False when the replay budget ran out first.
   */
  readonly minimal: boolean;
}

/**
 * Shrinks a failing run's choice values the way Hypothesis shrinks its choice sequences: cut the
 * tail (binary search on the prefix), lower single values front to back towards 0 (the simplest
 * choice: no fault, no delay, the first option), delete small chunks — keeping each edit that
 * still fails the same way. Candidates are compared by (non-zero draws, length, values) — see
 * {@link simpler} — so every kept edit makes the sequence strictly simpler and the loop ends.
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
  let labels: readonly string[] = (options.labels ?? []).slice(0, current.length);
  const worthLowering = options.worthLowering ?? (() => true);
  const first = options.lowerFirst ?? (() => true);
  let replays = 0;
  let outOfBudget = false;
  // An edit of the values keeps each remaining value with its label: what a by-label replay needs.
  const attempt = async (candidate: number[], candidateLabels = labels): Promise<boolean> => {
    if (!simpler(candidate, current)) return false;
    if (replays >= maxReplays) {
      outOfBudget = true;
      return false;
    }
    replays++;
    const outcome = await probe(candidate, candidateLabels.slice(0, candidate.length));
    const drawn = trimTrailingZeros(outcome.values);
    if (!outcome.failed || !simpler(drawn, current)) return false;
    current = drawn;
    labels = (outcome.labels ?? labels).slice(0, drawn.length);
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
      if (await attempt(current.slice(0, mid), labels.slice(0, mid))) {
        high = Math.min(mid, current.length);
        cutDown = true;
      } else low = mid;
    }
    return cutDown;
  };
  // Whole labels at once, which a by-label replay makes cheap: every draw of a label to 0 (no
  // reordering at all, no latency at all); else only a few of its draws kept — the largest (a
  // fault fires on the top of its range) or the first (a scenario's size before its items); then,
  // for a fault, the same firings sooner (its leading no-fault draws dropped), so a scenario
  // shrunk next still reaches the draw that fires.
  const labelPass = async (): Promise<boolean> => {
    let changed = false;
    for (const label of new Set(labels)) {
      if (worthLowering(label) && (await shrinkLabel(label))) changed = true;
    }
    return changed;
  };
  const shrinkLabel = async (label: string): Promise<boolean> => {
    const entries = current.flatMap((_, i) => (labels[i] === label ? [i] : []));
    const nonZero = entries.filter((i) => current[i] !== 0);
    if (nonZero.length === 0) return false;
    const keepOnly = (kept: readonly number[]) =>
      attempt(current.map((v, i) => (labels[i] === label && !kept.includes(i) ? 0 : v)));
    if (await keepOnly([])) return true;
    const byValue = [...nonZero].sort((x, y) => (current[y] as number) - (current[x] as number));
    for (let k = 1; k < nonZero.length; k *= 2) {
      if (await keepOnly(byValue.slice(0, k))) return true;
      if (await keepOnly(nonZero.slice(0, k))) return true;
    }
    if (!label.startsWith("fault.")) return false;
    const leading = entries.indexOf(nonZero[0] as number);
    for (let drop = leading; drop >= 1; drop = Math.floor(drop / 2)) {
      const dropped = new Set(entries.slice(0, drop));
      const stays = (_: unknown, i: number) => !dropped.has(i);
      if (await attempt(current.filter(stays), labels.filter(stays))) return true;
    }
    return false;
  };
  let improved = true;
  while (improved && replays < maxReplays) {
    improved = await cut();
    if (await labelPass()) improved = true;
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
        const without = <T>(list: readonly T[]) => [...list.slice(0, start), ...list.slice(start + size)];
        if (await attempt(without(current), without(labels))) improved = true;
      }
    }
  }
  return { values: current, replays, minimal: !improved && !outOfBudget };
}

/** Draws past the end of a lenient replay are 0, so trailing zeros say nothing: drop them. */
export function trimTrailingZeros(values: readonly number[]): number[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === 0) end--;
  return values.slice(0, end);
}

/**
 * Fewer non-zero draws is simpler (fewer faults, delays, ties broken off the first option); then
 * shortlex: shorter, and of equal length the first smaller value. Non-zero draws come first
 * because a run's length is noisy: switching a fault off can add a few draws (one more tie to
 * break, one more latency) to a story that is plainly simpler.
 */
export function simpler(a: readonly number[], b: readonly number[]): boolean {
  const nonZero = (values: readonly number[]) => values.reduce((n, v) => (v === 0 ? n : n + 1), 0);
  const [na, nb] = [nonZero(a), nonZero(b)];
  if (na !== nb) return na < nb;
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return false;
}

import type { Hop } from "../targets/target.ts";
import type { ChoreographyFinding } from "./choreography-check.ts";
import { describeHop, formatMs, relativeMs } from "./choreography-format.ts";

/** How long one correlation id's flow took end to end, or why that cannot be said yet. */
export type PathTiming =
  | { readonly durationMs: number; readonly first: Hop; readonly last: Hop }
  | { readonly open: readonly Hop[] }
  | undefined;

/**
 * The time from the first declared hop's start to the last declared hop's end; `open` when one
 * of them has not ended; undefined when the path shows none of the flow's hops.
 *
 * @example
 * const timing = timePath(checkPath(path, flow, "corr-1", false).flowHops);
 */
export function timePath(flowHops: readonly Hop[]): PathTiming {
  const open = flowHops.filter((h) => h.endMs === undefined);
  if (open.length > 0) return { open };
  const [head, ...rest] = flowHops;
  if (head === undefined) return undefined;
  let first = head;
  let last = head;
  for (const h of rest) {
    if (h.startMs < first.startMs) first = h;
    if ((h.endMs as number) > (last.endMs as number)) last = h;
  }
  return { durationMs: (last.endMs as number) - first.startMs, first, last };
}

/**
 * The budget finding of one id when every id must finish within `withinMs`, if any.
 *
 * @example
 * budgetFinding("corr-1", timePath(flowHops), 5_000, path[0].startMs)?.message;
 */
export function budgetFinding(
  correlationId: string,
  timing: PathTiming,
  withinMs: number,
  originMs: number,
): ChoreographyFinding | undefined {
  if (timing === undefined) return undefined;
  const base = { correlationId, edge: undefined } as const;
  if ("open" in timing)
    return {
      ...base,
      kind: "unfinished",
      hops: timing.open,
      message:
        `${correlationId}: the flow has not finished, so its time cannot be measured: ` +
        `${timing.open.map((h) => `${describeHop(h)} at ${relativeMs(h.startMs, originMs)} ms`).join(", ")}; settle the target first`,
    };
  if (timing.durationMs <= withinMs) return undefined;
  const { first, last } = timing;
  return {
    ...base,
    kind: "over-budget",
    hops: [first, last],
    message:
      `${correlationId}: end to end took ${formatMs(timing.durationMs)} ms, over the budget of ${formatMs(withinMs)} ms ` +
      `(from ${first.from} → ${first.to} at ${relativeMs(first.startMs, originMs)} ms ` +
      `to ${last.from} → ${last.to} ending at ${relativeMs(last.endMs as number, originMs)} ms)`,
  };
}

/**
 * The percentile budget over many ids: the nearest-rank `percentile` of the end-to-end
 * durations must be within `withinMs`. Names the slowest ids when it is not.
 *
 * @example
 * percentileFinding(new Map([["corr-1", 120], ["corr-2", 900]]), 99, 500)?.message; // "p99 end to end was 900 ms …"
 */
export function percentileFinding(
  durationsMs: ReadonlyMap<string, number>,
  percentile: number,
  withinMs: number,
): ChoreographyFinding | undefined {
  const sorted = [...durationsMs.entries()].sort((a, b) => a[1] - b[1]);
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  const value = sorted[rank - 1]?.[1];
  if (value === undefined || value <= withinMs) return undefined;
  const slowest = sorted
    .slice(-3)
    .reverse()
    .map(([id, ms]) => `${id} (${formatMs(ms)} ms)`);
  return {
    kind: "over-budget",
    correlationId: undefined,
    edge: undefined,
    hops: [],
    message:
      `p${percentile} end to end was ${formatMs(value)} ms over ${sorted.length} correlation ids, ` +
      `over the budget of ${formatMs(withinMs)} ms; slowest: ${slowest.join(", ")}`,
  };
}

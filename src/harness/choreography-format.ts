import type { Hop } from "../targets/target.ts";

/** Options of {@link formatPath}. */
export interface FormatPathOptions {
  /** Times are printed relative to this. Default: the first hop's start. */
  readonly originMs?: number;
  /** Put before every line. Default two spaces. */
  readonly indent?: string;
}

/**
 * A path of hops as readable lines, one hop each, with its start relative to the first hop, what
 * kind of hop it was (invocations with their trigger, attempt and whether they were cold), how
 * long it took, how it ended and the correlation ids it carried.
 *
 * @example
 * console.log(formatPath(correlationPath(await target.hops(), "corr-1")));
 * //   +0 ms   test → Orders (send, 2 ms) [corr-1]
 * //   +10 ms  Orders → reserveStock (invocation via sqs, attempt 1, cold, 50 ms) [corr-1]
 */
export function formatPath(hops: readonly Hop[], options: FormatPathOptions = {}): string {
  const originMs = options.originMs ?? hops[0]?.startMs ?? 0;
  const indent = options.indent ?? "  ";
  const offsets = hops.map((h) => `${relativeMs(h.startMs, originMs)} ms`);
  const width = Math.max(0, ...offsets.map((o) => o.length));
  return hops
    .map((h, i) => {
      const ids = h.correlationIds.length === 0 ? "no correlation id" : h.correlationIds.join(", ");
      return `${indent}${(offsets[i] ?? "").padEnd(width)}  ${describeHop(h)} [${ids}]`;
    })
    .join("\n");
}

/**
 * One hop in words, without its time: `Orders → reserveStock (invocation via sqs, attempt 2, 50 ms, error: Boom)`.
 *
 * @example
 * describeHop(hop); // "publishStockChange → StockEvents (publish, 2 ms)"
 */
export function describeHop(hop: Hop): string {
  const details: string[] = [
    hop.kind === "invocation" && hop.via !== undefined ? `invocation via ${hop.via}` : hop.kind,
  ];
  if (hop.attempt !== undefined) details.push(`attempt ${hop.attempt}`);
  if (hop.coldStart === true) details.push("cold");
  if (hop.endMs !== undefined) details.push(`${formatMs(hop.endMs - hop.startMs)} ms`);
  if (hop.status === "open") details.push("still running");
  if (hop.status === "error") details.push(hop.error === undefined ? "error" : `error: ${hop.error}`);
  return `${hop.from} → ${hop.to} (${details.join(", ")})`;
}

/**
 * A time relative to an origin, signed: `+12`, `+0.5`, `-3`.
 *
 * @example
 * relativeMs(1_012, 1_000); // "+12"
 */
export function relativeMs(ms: number, originMs: number): string {
  const delta = ms - originMs;
  return `${delta < 0 ? "-" : "+"}${formatMs(Math.abs(delta))}`;
}

/**
 * Milliseconds as printed in reports: whole numbers as they are, fractions to one decimal.
 *
 * @example
 * formatMs(12.345); // "12.3"
 */
export function formatMs(ms: number): string {
  return Number.isInteger(ms) ? String(ms) : ms.toFixed(1);
}

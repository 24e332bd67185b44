import { formatWithOptions } from "node:util";
import { real } from "../../core/real.ts";

/** What the REPORT line of one invocation says. */
export interface ReportFields {
  readonly requestId: string;
  readonly durationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Present on a cold start. */
  readonly initDurationMs?: number | undefined;
  readonly timedOut?: boolean;
}

/**
 * The lines Lambda itself writes around an invocation, in CloudWatch's format.
 *
 * @example
 * startLine("8f2c…"); // "START RequestId: 8f2c… Version: $LATEST"
 */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

/**
 * `END RequestId: …`.
 *
 * @example
 * endLine("8f2c…"); // "END RequestId: 8f2c…"
 */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/**
 * The REPORT line. Billed Duration is rounded up to the millisecond (since December 2020) and,
 * since AWS standardised INIT billing on 1 August 2025, includes the init phase of an on-demand
 * cold start.
 *
 * @example
 * reportLine({ requestId, durationMs: 12, memorySizeMb: 128, maxMemoryUsedMb: 70, initDurationMs: 180 });
 */
export function reportLine(fields: ReportFields): string {
  const init = fields.initDurationMs;
  const billedMs = Math.ceil(fields.durationMs + (init ?? 0));
  const parts = [
    `REPORT RequestId: ${fields.requestId}`,
    `Duration: ${fields.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedMs} ms`,
    `Memory Size: ${fields.memorySizeMb} MB`,
    `Max Memory Used: ${fields.maxMemoryUsedMb} MB`,
  ];
  if (init !== undefined) parts.push(`Init Duration: ${init.toFixed(2)} ms`);
  if (fields.timedOut === true) parts.push("Status: timeout");
  return `${parts.join("\t")}\t`;
}

/**
 * The runtime's line when an invocation passes its timeout.
 *
 * @example
 * timeoutLine(atMs, "8f2c…", 3000); // "2025-01-01T00:00:03.000Z 8f2c… Task timed out after 3.00 seconds"
 */
export function timeoutLine(atMs: number, requestId: string, timeoutMs: number): string {
  return `${new real.Date(atMs).toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
}

/**
 * One `console.*` call as the Node.js runtime writes it: `<ISO time>\t<request id>\t<LEVEL>\t<text>`,
 * with `undefined` as the request id during init and newlines turned into carriage returns so a
 * multi-line message stays one CloudWatch event.
 *
 * @example
 * consoleLine(atMs, "8f2c…", "INFO", ["order %s", "o-1"]); // "2025-01-01T00:00:00.000Z\t8f2c…\tINFO\torder o-1"
 */
export function consoleLine(
  atMs: number,
  requestId: string | undefined,
  level: string,
  args: readonly unknown[],
): string {
  // A lone string without a format specifier formats as itself: the common case, taken without
  // util's formatting machinery since every console call of every handler comes here.
  const [first] = args;
  const plain = args.length === 1 && typeof first === "string" && !first.includes("%");
  const formatted = plain ? first : formatWithOptions({ colors: false }, ...args);
  const text = formatted.includes("\n") ? formatted.replace(/\n/g, "\r") : formatted;
  // The real constructor: the time is virtual already, and the patched one is a proxy.
  return `${new real.Date(atMs).toISOString()}\t${requestId ?? "undefined"}\t${level}\t${text}`;
}

import { consoleLine, endLine, type ReportFields, reportLine, timeoutLine } from "../logs/lambda-lines.ts";
import type { FunctionFailure } from "./failure.ts";

/**
 * The lines Lambda writes as an invocation ends: the timeout line or the runtime's `Invoke Error`
 * line (none when the process died: nothing was left to write it), END, REPORT, and after REPORT
 * the two lines of a crashed runtime.
 *
 * @example closingLines(undefined, { requestId, durationMs: 12, memorySizeMb: 128, maxMemoryUsedMb: 70 }, nowMs, 3000)
 */
export function closingLines(
  failure: FunctionFailure | undefined,
  report: ReportFields,
  nowMs: number,
  timeoutMs: number,
): string[] {
  const { requestId } = report;
  const lines: string[] = [];
  if (failure?.timedOut === true) lines.push(timeoutLine(nowMs, requestId, timeoutMs));
  else if (failure !== undefined && failure.processExited !== true) {
    const body = JSON.stringify({ ...failure.payload(), stack: failure.trace });
    lines.push(consoleLine(nowMs, requestId, "ERROR", ["Invoke Error \t%s", body]));
  }
  lines.push(endLine(requestId), reportLine(report));
  if (failure?.processExited === true) lines.push(failure.errorMessage, failure.errorType);
  return lines;
}

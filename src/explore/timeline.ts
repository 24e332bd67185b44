import type { Span } from "../core/trace.ts";
import type { InvariantViolation } from "../targets/sim/run-scenario.ts";
import { type BrokenAt, brokeAtLine } from "../targets/sim/step-checks.ts";

/** Options of {@link formatTimeline}. */
export interface TimelineOptions {
  /** At most this many lines of spans (the rest is summarised). Default 60. */
  readonly maxLines?: number;
  /** Where a step check stopped the run: the timeline ends with that step. */
  readonly brokeAt?: BrokenAt;
}

// Reads and other calls that change nothing are left out: the story is what was sent and written.
const CHANGES =
  /\.(SendMessage|SendMessageBatch|Publish|PublishBatch|PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem|Invoke)$/;

function resourceOf(span: Span): string {
  const a = span.attributes;
  const name = a.queue ?? a.topic ?? a.tables ?? a.table ?? a.function ?? a.where;
  if (typeof name !== "string") return "";
  return ` ${name.split(/[:/]/).pop() ?? name}`;
}

function lineOf(span: Span, originMs: number, depth: number): string | undefined {
  const at = `+${span.startMs - originMs} ms`.padStart(10);
  const failed = span.status === "error" ? `  ✗ ${span.error ?? "failed"}` : "";
  // A drawn cold start is told by its invocation's line ("cold") and the time that follows.
  if (span.name === "fault.lambda.coldStart") return undefined;
  if (span.name.startsWith("fault."))
    return `${at}  ⚡ ${span.name.slice("fault.".length)}${resourceOf(span)}`;
  if (span.kind === "invocation") {
    const a = span.attributes;
    const how = [
      `via ${String(a.trigger)}`,
      `attempt ${String(a.attempt ?? 1)}`,
      a.coldStart === true ? "cold" : "",
    ]
      .filter((part) => part !== "")
      .join(", ");
    return `${at}  ▶ ${span.name} (${how})${failed}`;
  }
  if (span.kind === "sdk-call" && CHANGES.test(span.name)) {
    const who = depth === 0 ? "test" : "   ";
    return `${at}  ${who} ${span.name}${resourceOf(span)}${failed}`;
  }
  return undefined;
}

/**
 * A failing run as a story: what the test sent, which invocations ran (attempt, cold start),
 * what they wrote, which faults fired, and which invariants broke.
 *
 * @example console.log(formatTimeline(shrunk.spans, shrunk.result.violations));
 */
export function formatTimeline(
  spans: readonly Span[],
  violations: readonly InvariantViolation[],
  options: TimelineOptions = {},
): string {
  const maxLines = options.maxLines ?? 60;
  const originMs = spans[0]?.startMs ?? 0;
  // Steps that repeat at once (a test sending 40 orders in the same millisecond) are one line, ×40.
  const steps: { line: string; times: number }[] = [];
  for (const span of spans) {
    const line = lineOf(span, originMs, span.parentId === undefined ? 0 : 1);
    if (line === undefined) continue;
    const last = steps.at(-1);
    if (last?.line === line) last.times++;
    else steps.push({ line, times: 1 });
  }
  const lines = steps.slice(0, maxLines).map(({ line, times }) => (times > 1 ? `${line}  ×${times}` : line));
  const hidden = steps.slice(maxLines).reduce((sum, step) => sum + step.times, 0);
  if (hidden > 0) lines.push(`           … ${hidden} more steps`);
  if (options.brokeAt !== undefined) lines.push(`  ■ ${brokeAtLine(options.brokeAt)}`);
  return [...lines, ...violationLines(violations)].join("\n");
}

// Each invariant's first few violations; a broken invariant can name every order of the run.
function violationLines(violations: readonly InvariantViolation[], perInvariant = 3): string[] {
  const shown = new Map<string, number>();
  const lines: string[] = [];
  for (const v of violations) {
    const count = (shown.get(v.invariant) ?? 0) + 1;
    shown.set(v.invariant, count);
    if (count <= perInvariant) lines.push(`  ✗ ${v.invariant}: ${v.message}`);
  }
  for (const [invariant, count] of shown) {
    if (count > perInvariant) lines.push(`  ✗ ${invariant}: … and ${count - perInvariant} more`);
  }
  return lines;
}

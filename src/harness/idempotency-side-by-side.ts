import type { InvokeResult } from "../targets/target.ts";

const MAX_COLUMN = 72;

/** A response as a tester reads it: the payload as indented JSON. */
export function responseLines(result: InvokeResult): string[] {
  return (JSON.stringify(result.payload, null, 2) ?? "undefined").split("\n");
}

// Lambda's error marker goes in the title, so the payloads' lines stay aligned.
const titled = (title: string, result: InvokeResult) =>
  result.error === undefined ? title : `${title} (FunctionError: ${result.error})`;

const clip = (line: string) => (line.length > MAX_COLUMN ? `${line.slice(0, MAX_COLUMN - 1)}…` : line);

/**
 * Two responses in two columns, lines that differ marked with `≠` between them, so the field
 * that changed between the first response and a later one stands out.
 *
 * @example
 * sideBySide("attempt 1", first, "attempt 2", second);
 * //   attempt 1                │ attempt 2
 * //   {                        │ {
 * //     "reservationId": "a…"  ≠   "reservationId": "b…"
 */
export function sideBySide(
  leftTitle: string,
  left: InvokeResult,
  rightTitle: string,
  right: InvokeResult,
): string {
  const l = responseLines(left).map(clip);
  const r = responseLines(right).map(clip);
  const leftHead = titled(leftTitle, left);
  const width = Math.max(leftHead.length, ...l.map((line) => line.length));
  const rows = [`  ${leftHead.padEnd(width)} │ ${titled(rightTitle, right)}`];
  for (let i = 0; i < Math.max(l.length, r.length); i++) {
    const a = l[i] ?? "";
    const b = r[i] ?? "";
    rows.push(`  ${a.padEnd(width)} ${a === b ? "│" : "≠"} ${b}`.trimEnd());
  }
  return rows.join("\n");
}

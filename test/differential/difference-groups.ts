/**
 * Groups the unexplained differences of a differential run by kind (operation plus the error names
 * or output fields that differ), so a failing run shows the whole picture rather than only its
 * first case.
 */

import { canonicalJson } from "./normalise.ts";
import type { Difference } from "./run-case.ts";

/** One kind of difference: which cases showed it, and the report of the first. */
export interface DifferenceGroup {
  readonly kind: string;
  readonly cases: number[];
  readonly example: string;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function errorName(value: unknown): string | undefined {
  const error = record(value).error;
  return typeof error === "string" ? error : undefined;
}

/** Error messages name attributes and values; digits and quoted text vary between cases. */
function messageShape(value: unknown): string {
  const message = String(record(value).message ?? "");
  return message
    .replace(/"[^"]*"|'[^']*'/g, "…")
    .replace(/\d+/g, "#")
    .slice(0, 90);
}

function differingFields(left: unknown, right: unknown): string[] {
  const [l, r] = [record(left), record(right)];
  const names = [...new Set([...Object.keys(l), ...Object.keys(r)])].sort();
  return names.filter((name) => canonicalJson(l[name]) !== canonicalJson(r[name]));
}

function streamKind(left: unknown, right: unknown): string {
  const groups = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  const [l, r] = [groups(left), groups(right)];
  const keysOf = (gs: unknown[]) => gs.map((g) => String(record(g).key));
  if (canonicalJson(keysOf(l)) !== canonicalJson(keysOf(r))) return "stream records: item keys";
  const fields = new Set<string>();
  for (const [i, group] of l.entries()) {
    const [a, b] = [record(group).records, record(r[i]).records];
    const [as, bs] = [Array.isArray(a) ? a : [], Array.isArray(b) ? b : []];
    if (as.length !== bs.length) fields.add("record count");
    for (const [j, rec] of as.entries()) for (const f of differingFields(rec, bs[j])) fields.add(f);
  }
  return `stream records: ${[...fields].sort().join(",")}`;
}

/**
 * The kind of a difference, e.g. `PutItem: ValidationException "…" vs ok` or
 * `Query: fields Items,Count`.
 *
 * @example
 * differenceKind(difference); // "UpdateItem: ValidationException vs ConditionalCheckFailedException"
 */
export function differenceKind(difference: Difference): string {
  if (difference.at === "streams") return streamKind(difference.left, difference.right);
  const operation = difference.step?.operation ?? "?";
  const [l, r] = [errorName(difference.left), errorName(difference.right)];
  if (l === undefined && r === undefined)
    return `${operation}: fields ${differingFields(difference.left, difference.right).join(",")}`;
  const side = (name: string | undefined, value: unknown) =>
    name === undefined ? "ok" : `${name} "${messageShape(value)}"`;
  if (l !== undefined && l === r) return `${operation}: ${l} message "${messageShape(difference.left)}"`;
  return `${operation}: ${side(l, difference.left)} vs ${side(r, difference.right)}`;
}

/**
 * Adds one difference to its group.
 *
 * @example
 * addDifference(groups, 17, difference, report);
 */
export function addDifference(
  groups: Map<string, DifferenceGroup>,
  caseIndex: number,
  difference: Difference,
  report: string,
): void {
  const kind = differenceKind(difference);
  const group = groups.get(kind);
  if (group === undefined) groups.set(kind, { kind, cases: [caseIndex], example: report });
  else group.cases.push(caseIndex);
}

/**
 * All groups, biggest first, each with its count and example, as one printable text.
 *
 * @example
 * console.log(describeGroups([...groups.values()]));
 */
export function describeGroups(groups: readonly DifferenceGroup[]): string {
  return [...groups]
    .sort((a, b) => b.cases.length - a.cases.length || (a.kind < b.kind ? -1 : 1))
    .map(
      (g) =>
        `── ${String(g.cases.length)} case(s): ${g.kind}\ncases: ${g.cases.join(", ")}\nexample: ${g.example}`,
    )
    .join("\n\n");
}

import type { Hop } from "../targets/target.ts";
import { cardinalityText, type Flow, type FlowEdge } from "./choreography-flow.ts";
import { relativeMs } from "./choreography-format.ts";

/**
 * What a choreography check found: a declared hop `missing`, `duplicated` (more than its
 * cardinality allows), one declared `never` that happened, an `unexpected` hop, a correlation id
 * with `no-path`, or a time budget broken (`over-budget`) or not measurable (`unfinished`).
 */
export type ChoreographyFindingKind =
  | "no-path"
  | "missing"
  | "duplicated"
  | "never"
  | "unexpected"
  | "unfinished"
  | "over-budget";

/** One discrepancy between the flow and what a correlation id did. */
export interface ChoreographyFinding {
  readonly kind: ChoreographyFindingKind;
  /** The id whose path shows it; undefined for a percentile over many ids. */
  readonly correlationId: string | undefined;
  /** The flow's hop concerned (`publishStockChange → StockEvents`), when there is one. */
  readonly edge: string | undefined;
  /** The hops concerned. */
  readonly hops: readonly Hop[];
  readonly message: string;
}

/** The result of checking one correlation id's path against a flow. */
export interface PathCheck {
  readonly findings: readonly ChoreographyFinding[];
  /** The path's hops that the flow declares: the time budget spans these. */
  readonly flowHops: readonly Hop[];
}

/**
 * Checks one correlation id's path against a flow. A declared hop counts only when it succeeded,
 * so a failed attempt followed by a successful retry is one hop, while two successful deliveries
 * are a duplicate; `never` counts every attempt. An Invoke call and the invocation it caused are
 * one hop. Outside `strict` mode, only undeclared hops *into* a node of the flow are unexpected;
 * in `strict` mode every undeclared hop is.
 *
 * @example
 * const { findings } = checkPath(correlationPath(hops, "corr-1"), parseFlow("Orders → reserveStock"), "corr-1", false);
 */
export function checkPath(
  path: readonly Hop[],
  flow: Flow,
  correlationId: string,
  strict: boolean,
): PathCheck {
  const at = timesOf(path[0]?.startMs ?? 0);
  const folded = foldedInvokes(path);
  const matched = new Set<Hop>();
  const findings: ChoreographyFinding[] = [];
  for (const edge of flow.edges) {
    const hops = path.filter((h) => !folded.has(h) && matches(edge, h, flow.nodes));
    for (const h of hops) matched.add(h);
    const finding = countFinding(edge, hops, at);
    if (finding !== undefined)
      findings.push({
        ...finding,
        correlationId,
        edge: edge.label,
        message: `${correlationId}: ${finding.message}`,
      });
  }
  const stray = path.filter((h) => !matched.has(h) && !folded.has(h) && (strict || flow.nodes.has(h.to)));
  for (const hops of groupBy(stray, (h) => JSON.stringify([h.from, h.to, h.kind])).values()) {
    const [first] = hops as [Hop];
    findings.push({
      kind: "unexpected",
      correlationId,
      edge: undefined,
      hops,
      message: `${correlationId}: unexpected hop ${first.from} → ${first.to} (${first.kind}), not in the flow (saw ${hops.length}: ${at(hops)})`,
    });
  }
  const flowHops = path.filter((h) => matched.has(h) || (folded.get(h) ?? []).some((i) => matched.has(i)));
  return { findings, flowHops };
}

type Counted = Pick<ChoreographyFinding, "kind" | "hops" | "message">;

function countFinding(
  edge: FlowEdge,
  hops: readonly Hop[],
  at: (hops: readonly Hop[]) => string,
): Counted | undefined {
  const expected = cardinalityText(edge.times);
  if (edge.times === "never" || edge.times === 0)
    return hops.length === 0
      ? undefined
      : {
          kind: "never",
          hops,
          message: `${edge.label} happened but the flow says never (saw ${hops.length}: ${at(hops)})`,
        };
  const ok = hops.filter((h) => h.status === "ok");
  const min = typeof edge.times === "number" ? edge.times : 1;
  const max = edge.times === "at-least-once" ? Number.POSITIVE_INFINITY : min;
  if (ok.length < min) {
    const failed = hops.filter((h) => h.status !== "ok");
    const saw = ok.length === 0 ? "none" : `${ok.length}: ${at(ok)}`;
    const notOk =
      failed.length === 0
        ? ""
        : `, and ${failed.length} that did not succeed: ${failed.map((h) => `${at([h])} ${outcome(h)}`).join(", ")}`;
    return {
      kind: "missing",
      hops,
      message: `missing hop ${edge.label} (expected ${expected}, saw ${saw}${notOk})`,
    };
  }
  if (ok.length > max)
    return {
      kind: "duplicated",
      hops: ok,
      message: `duplicated hop ${edge.label} (expected ${expected}, saw ${ok.length}: ${at(ok)})`,
    };
  return undefined;
}

function matches(edge: FlowEdge, hop: Hop, nodes: ReadonlySet<string>): boolean {
  if (hop.to !== edge.to.name) return false;
  if (edge.to.stream && hop.kind !== "write") return false;
  if (edge.from === undefined) return !nodes.has(hop.from);
  if (hop.from !== edge.from.name) return false;
  return !edge.from.stream || (hop.kind === "invocation" && hop.via === "dynamodb-stream");
}

// Lambda's Invoke shows as two hops with the same ends: the call, and the invocation it caused.
// The flow means one hop, so each such call maps to the invocations standing for it.
function foldedInvokes(path: readonly Hop[]): Map<Hop, Hop[]> {
  const byId = new Map(path.map((h) => [h.id, h]));
  const folded = new Map<Hop, Hop[]>();
  for (const invocation of path.filter((h) => h.kind === "invocation"))
    for (const id of invocation.causes) {
      const call = byId.get(id);
      if (call?.kind !== "invoke" || call.from !== invocation.from || call.to !== invocation.to) continue;
      folded.set(call, [...(folded.get(call) ?? []), invocation]);
    }
  return folded;
}

function outcome(hop: Hop): string {
  if (hop.status === "open") return "(still running)";
  return hop.error === undefined ? "(error)" : `(error: ${hop.error})`;
}

function timesOf(originMs: number): (hops: readonly Hop[]) => string {
  return (hops) => hops.map((h) => `${relativeMs(h.startMs, originMs)} ms`).join(", ");
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

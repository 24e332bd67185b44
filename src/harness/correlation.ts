import type { Hop, HopKind, Target } from "../targets/target.ts";
import { CorrelationError } from "./correlation-error.ts";
import { HopGraph, idList } from "./correlation-path.ts";
import { retryFindings } from "./correlation-retries.ts";

/**
 * What went wrong with a correlation id: an action `lost` it (carried none of the ids its
 * invocation received) or `changed` it (carried others); a delivery or invocation `lost` ids its
 * trigger carried; retries of one delivery disagree on the ids (`retry-ids`) or trace (`retry-trace`).
 */
export type CorrelationFindingKind = "lost" | "changed" | "retry-ids" | "retry-trace";

/** One hop where a correlation id did not survive, with a message that names it. */
export interface CorrelationFinding {
  readonly kind: CorrelationFindingKind;
  /** The hop at fault: the one that lost or changed the id, or the later of two attempts. */
  readonly hop: Hop;
  /** What it was judged against: the invocation it ran in, its trigger, or the first attempt. */
  readonly against: readonly Hop[];
  /** The correlation ids concerned: those the hop should have carried. */
  readonly correlationIds: readonly string[];
  readonly message: string;
}

/** Options of {@link checkCorrelation} and {@link expectCorrelation}. */
export interface CheckCorrelationOptions {
  /** Only report findings about these ids. Default: every id. */
  readonly correlationId?: string | readonly string[];
  /**
   * Judge every table write. By default a write is judged only when an invocation received it
   * (a stream consumer lists it among its causes) or its table is in `streamTables`: a write
   * nobody reads need not carry the id.
   */
  readonly checkWrites?: boolean;
  /** Tables whose writes must carry the id even when this run shows no stream consumer. */
  readonly streamTables?: readonly string[];
}

const VERBS: Partial<Record<HopKind, string>> = {
  send: "sent to",
  publish: "published to",
  write: "wrote to",
  invoke: "invoked",
};

/**
 * Checks that the correlation ids survived every hop the run shows. An action (send, publish,
 * write, invoke) made by an invocation that received ids must carry at least one of them; a
 * delivery or invocation must receive every id its trigger carried; and retries or duplicates
 * of one delivery must carry the same ids and trace id. Returns the findings in hop order.
 *
 * @example
 * const findings = checkCorrelation(await target.hops(), { correlationId: "corr-1" });
 * // [{ kind: "lost", message: "publishStockChange published to StockEvents without the correlation id it received (corr-1)", … }]
 */
export function checkCorrelation(
  hops: readonly Hop[],
  options: CheckCorrelationOptions = {},
): CorrelationFinding[] {
  const graph = new HopGraph(hops);
  const order = new Map(hops.map((h, i) => [h, i]));
  const findings = [
    ...hops.flatMap((hop) =>
      VERBS[hop.kind] === undefined ? transportFinding(graph, hop) : actionFinding(graph, hop, options),
    ),
    ...retryFindings(hops),
  ].sort((a, b) => (order.get(a.hop) ?? 0) - (order.get(b.hop) ?? 0));
  const wanted = idList(options.correlationId);
  return wanted === undefined
    ? findings
    : findings.filter((f) => f.correlationIds.some((id) => wanted.includes(id)));
}

/**
 * {@link checkCorrelation} as an assertion: reads the target's hops (or takes hops) and throws a
 * {@link CorrelationError} listing every finding.
 *
 * @example
 * const orders = correlate(target);
 * await orders.send("Orders", JSON.stringify({ orderId: "o-1" }));
 * await target.settle();
 * await expectCorrelation(target);
 */
export async function expectCorrelation(
  source: Target | readonly Hop[],
  options: CheckCorrelationOptions = {},
): Promise<void> {
  const hops = isHops(source) ? source : await source.hops();
  const findings = checkCorrelation(hops, options);
  if (findings.length > 0) throw new CorrelationError(findings);
}

/**
 * Whether a source is hops already rather than a target to read them from.
 *
 * @example
 * const hops = isHops(source) ? source : await source.hops();
 */
export function isHops(source: Target | readonly Hop[]): source is readonly Hop[] {
  return Array.isArray(source);
}

function actionFinding(graph: HopGraph, hop: Hop, options: CheckCorrelationOptions): CorrelationFinding[] {
  const ran = graph.causes(hop).filter((c) => c.kind === "invocation");
  const received = unique(ran.flatMap((c) => c.correlationIds));
  if (received.length === 0 || hop.correlationIds.some((id) => received.includes(id))) return [];
  if (hop.kind === "write" && !judgesWrite(graph, hop, options)) return [];
  const did = `${hop.from} ${VERBS[hop.kind]} ${hop.to}`;
  const theIds = received.length === 1 ? "the correlation id" : "any of the correlation ids";
  const base = { hop, against: ran, correlationIds: received };
  if (hop.correlationIds.length === 0)
    return [
      { ...base, kind: "lost", message: `${did} without ${theIds} it received (${received.join(", ")})` },
    ];
  const carried = `correlation id${hop.correlationIds.length === 1 ? "" : "s"} ${hop.correlationIds.join(", ")}`;
  const instead = received.length === 1 ? "the one" : "those";
  return [
    {
      ...base,
      kind: "changed",
      message: `${did} with ${carried} instead of ${instead} it received (${received.join(", ")})`,
    },
  ];
}

function judgesWrite(graph: HopGraph, hop: Hop, options: CheckCorrelationOptions): boolean {
  return (
    options.checkWrites === true ||
    (options.streamTables ?? []).includes(hop.to) ||
    graph.effects(hop).some((e) => e.kind === "invocation")
  );
}

// A delivery or an invocation only passes on what it was given; it must not drop ids on the way.
// Only action causes count: a destination's invocation is caused by a failed invocation, whose
// ids travel inside the record's requestPayload rather than where ids are looked for.
function transportFinding(graph: HopGraph, hop: Hop): CorrelationFinding[] {
  const triggers = graph.causes(hop).filter((c) => c.kind !== "invocation");
  const carried = unique(triggers.flatMap((c) => c.correlationIds));
  const missing = carried.filter((id) => !hop.correlationIds.includes(id));
  if (missing.length === 0) return [];
  const what =
    hop.kind === "deliver"
      ? `${hop.from} delivered to ${hop.to} without`
      : `${hop.to} was invoked from ${hop.from}${hop.via === undefined ? "" : ` (${hop.via})`} without`;
  const trigger =
    hop.kind === "deliver" ? "its publish" : triggers.length === 1 ? "its trigger" : "its triggers";
  const theIds = missing.length === 1 ? "the correlation id" : "the correlation ids";
  return [
    {
      kind: "lost",
      hop,
      against: triggers,
      correlationIds: missing,
      message: `${what} ${theIds} ${trigger} carried (${missing.join(", ")})`,
    },
  ];
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

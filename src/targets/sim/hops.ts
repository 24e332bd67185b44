import type { Hop } from "../target.ts";
import { addActionHops } from "./hop-actions.ts";
import { type DraftExtras, HopContext, type HopDraft } from "./hop-context.ts";
import { addInvocationHop } from "./hop-invocations.ts";
import { LogicalNames } from "./logical-names.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

type Draft = HopDraft & DraftExtras;

/**
 * The hops of a simulated run so far, in start order, read from its trace: every send, publish,
 * write and invoke an SDK call made (from a function, or from the test), every invocation with
 * the hops that caused it, and SNS's deliveries to queues, which the trace does not record and
 * are made up from the invocations that received them. Names are the app's logical names.
 *
 * Correlation ids come from the calls' span attributes (message attribute, Invoke payload field,
 * PutItem item field) and, for a table with a stream, from the records each write left there, so
 * UpdateItem and transactions count too; an invocation carries every id of its causes.
 *
 * With a bounded trace (`retainSpans`), spans folded away are simply missing: their hops are
 * not listed, nor are the actions of an invocation whose span was folded, and a hop whose causes
 * were folded starts a chain of its own. Stream records count for 24 hours, as in DynamoDB.
 *
 * @example
 * const hops = collectHops(cloud, "correlationId");
 * hops.filter((h) => h.kind === "invocation").map((h) => `${h.from} → ${h.to}`);
 */
export function collectHops(cloud: SimulatedCloud, field: string): Hop[] {
  const { trace } = cloud.sim;
  const context = new HopContext(
    cloud.app,
    new LogicalNames(cloud.names),
    (id) => trace.get(id),
    (table) => cloud.streamRecords(table),
    field,
  );
  for (const [order, span] of trace.all().entries()) {
    if (span.kind === "sdk-call") addActionHops(span, context, order);
    else if (span.kind === "invocation") addInvocationHop(span, context, order);
  }
  const ordered = [...context.drafts].sort(
    (a, b) => a.order - b.order || a.sub - b.sub || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return withTraceIds(ordered);
}

// A cause always comes before what it caused, so one pass in order finds every chain's root;
// where causes lead to several roots, the earliest wins.
function withTraceIds(ordered: readonly Draft[]): Hop[] {
  const position = new Map(ordered.map((d, i) => [d.id, i]));
  const traceIds = new Map<string, string>();
  return ordered.map((draft) => {
    let traceId = draft.id;
    let best = Number.POSITIVE_INFINITY;
    for (const cause of draft.causes) {
      const root = traceIds.get(cause) ?? cause;
      const at = position.get(root) ?? Number.POSITIVE_INFINITY;
      if (at < best) {
        best = at;
        traceId = root;
      }
    }
    traceIds.set(draft.id, traceId);
    return toHop(draft, traceId);
  });
}

// Members in one order, whatever built the draft, so hops print and compare alike. Assigned one
// by one: an object literal with conditional spreads copies each through the runtime's slow path.
function toHop(d: Draft, traceId: string): Hop {
  const hop: Partial<HopDraft> = { id: d.id, kind: d.kind, from: d.from, to: d.to };
  if (d.via !== undefined) hop.via = d.via;
  hop.startMs = d.startMs;
  hop.endMs = d.endMs;
  hop.status = d.status;
  if (d.error !== undefined) hop.error = d.error;
  hop.causes = [...d.causes];
  hop.correlationIds = [...d.correlationIds];
  if (d.requestId !== undefined) hop.requestId = d.requestId;
  if (d.attempt !== undefined) hop.attempt = d.attempt;
  if (d.coldStart !== undefined) hop.coldStart = d.coldStart;
  hop.traceId = traceId;
  return hop as Hop;
}

import type { Span } from "../../core/trace.ts";
import type { DraftExtras, HopContext, HopDraft } from "./hop-context.ts";
import { invocationSource, queuesRead, streamsRead } from "./hop-sources.ts";

type Draft = HopDraft & DraftExtras;

/**
 * The hop of one `invocation` span, added to `context`, with its causes: the hops whose
 * messages, records or notifications it received. An SNS notification that reached it through a
 * queue gets a `deliver` hop of its own (topic → queue), made here the first time it is seen.
 *
 * @example
 * addInvocationHop(span, context, position);
 */
export function addInvocationHop(span: Span, context: HopContext, order: number): void {
  const { function: fnAttribute, requestId, coldStart } = span.attributes;
  const to = context.names.of("function", typeof fnAttribute === "string" ? fnAttribute : span.name);
  const via = typeof span.attributes.trigger === "string" ? span.attributes.trigger : "invoke";
  // Each link is one message (SQS lists a link per message) or one batch of stream records.
  const counts = new Map<string, number>();
  for (const link of span.links)
    for (const cause of causesOfLink(link, to, via, span, context))
      counts.set(cause.id, (counts.get(cause.id) ?? 0) + 1);
  const source = invocationSource(context, to, via, [...counts.keys()]);
  const causes = source.causes.map((id) => context.get(id)).filter((d): d is Draft => d !== undefined);
  const draft: Draft = {
    id: span.id,
    kind: "invocation",
    from: source.from,
    to,
    via,
    startMs: span.startMs,
    endMs: span.endMs,
    status: span.status,
    ...(span.error === undefined ? {} : { error: span.error }),
    causes: causes.map((c) => c.id),
    correlationIds: [...new Set(causes.flatMap((c) => c.correlationIds))],
    ...(typeof requestId === "string" ? { requestId } : {}),
    // Lambda records every attempt: async retries, an SQS batch's receive count, a stream batch's.
    attempt: typeof span.attributes.attempt === "number" ? span.attributes.attempt : 1,
    ...(typeof coldStart === "boolean" ? { coldStart } : {}),
    traceId: "",
    order,
    sub: 0,
    produced: 1,
  };
  context.add(span.id, draft);
}

function causesOfLink(link: string, fn: string, via: string, span: Span, context: HopContext): Draft[] {
  const linked = context.span(link);
  if (linked === undefined) return [];
  if (linked.kind === "invocation") {
    const hop = context.get(link);
    return hop === undefined ? [] : [hop];
  }
  const hops = context.fromSpan(link);
  const first = hops[0];
  if (via === "sqs" && first?.kind === "publish") return [deliveryOf(first, fn, span, context)];
  if (via !== "dynamodb-stream") return [...hops];
  // A transaction writes several tables; the invocation read the stream of one of them.
  const streams = new Set(streamsRead(context, fn));
  const read = hops.filter((h) => streams.has(h.to));
  return read.length > 0 ? read : [...hops];
}

/** The synthetic hop of SNS delivering a publish to the queue `fn` reads. */
function deliveryOf(publish: Draft, fn: string, invocation: Span, context: HopContext): Draft {
  const queues = new Set(queuesRead(context, fn));
  const subscribed = (context.app.topics[publish.to]?.subscriptions ?? []).flatMap((s) =>
    "queue" in s && queues.has(s.queue) ? [s.queue] : [],
  );
  const queue = subscribed[0] ?? [...queues][0] ?? "unknown";
  const id = `${publish.id}>${queue}`;
  const known = context.get(id);
  if (known !== undefined) return known;
  // SNS's delivery is not traced: it happened after the publish began and before the first
  // invocation that received it.
  const draft: Draft = {
    id,
    kind: "deliver",
    from: publish.to,
    to: queue,
    startMs: publish.startMs,
    endMs: invocation.startMs,
    status: "ok",
    causes: [publish.id],
    correlationIds: publish.correlationIds,
    traceId: "",
    order: publish.order,
    sub: publish.sub + 1,
    produced: publish.produced,
  };
  context.add(undefined, draft);
  return draft;
}

import type { DraftExtras, HopContext, HopDraft } from "./hop-context.ts";

type Draft = HopDraft & DraftExtras;

/** The queues a function reads through event source mappings. */
export function queuesRead(context: HopContext, fn: string): string[] {
  return (context.app.functions[fn]?.events ?? []).flatMap((e) => ("queue" in e ? [e.queue] : []));
}

/** The tables whose streams a function reads. */
export function streamsRead(context: HopContext, fn: string): string[] {
  return (context.app.functions[fn]?.events ?? []).flatMap((e) => ("stream" in e ? [e.stream] : []));
}

/**
 * What triggered an invocation of `fn` (`from`: the queue, the streamed table, the topic, the
 * caller of Invoke, the function whose failure a destination received) and its causes. For a
 * destination, the cause is the failed invocation of that function, when the trace still has it.
 *
 * @example
 * invocationSource(context, "reserveStock", "sqs", ["s2"]); // { from: "Orders", causes: ["s2"] }
 */
export function invocationSource(
  context: HopContext,
  fn: string,
  via: string,
  causeIds: readonly string[],
): { from: string; causes: readonly string[] } {
  const causes = causeIds.map((id) => context.get(id)).filter((d): d is Draft => d !== undefined);
  switch (via) {
    case "sqs":
      return { from: among(queuesRead(context, fn), causes, ["send", "deliver"]), causes: causeIds };
    case "dynamodb-stream":
      return { from: among(streamsRead(context, fn), causes, ["write"]), causes: causeIds };
    case "sns": {
      const publish = causes.find((c) => c.kind === "publish");
      return { from: publish?.to ?? subscribedTopic(context, fn), causes: causeIds };
    }
    case "destination":
      return failedInvocation(context, fn, causeIds);
    default: {
      // `invoke`, and a trigger Squall does not name: the caller, or the test when none is traced.
      const invoke = causes.find((c) => c.kind === "invoke");
      return { from: invoke?.from ?? "test", causes: causeIds };
    }
  }
}

// One source is the answer; with several, the one a cause went to.
function among(sources: readonly string[], causes: readonly Draft[], kinds: readonly string[]): string {
  if (sources.length === 1) return sources[0] as string;
  const hit = causes.find((c) => kinds.includes(c.kind) && sources.includes(c.to));
  return hit?.to ?? sources[0] ?? "unknown";
}

function subscribedTopic(context: HopContext, fn: string): string {
  for (const [topic, definition] of Object.entries(context.app.topics))
    if ((definition.subscriptions ?? []).some((s) => "function" in s && s.function === fn)) return topic;
  return "unknown";
}

// Lambda hands the failed event's own links to the destination; the last failed invocation with
// those causes, of a function whose on-failure destination is `fn`, is what it received.
function failedInvocation(
  context: HopContext,
  fn: string,
  causeIds: readonly string[],
): { from: string; causes: readonly string[] } {
  const candidates = Object.entries(context.app.functions)
    .filter(([, f]) => f.onFailure !== undefined && "function" in f.onFailure && f.onFailure.function === fn)
    .map(([name]) => name);
  const wanted = causeIds.join(",");
  for (let i = context.drafts.length - 1; i >= 0; i--) {
    const d = context.drafts[i] as Draft;
    if (
      d.kind === "invocation" &&
      d.status === "error" &&
      candidates.includes(d.to) &&
      d.causes.join(",") === wanted
    )
      return { from: d.to, causes: [d.id] };
  }
  return { from: candidates[0] ?? "unknown", causes: causeIds };
}

import type { Span } from "../../core/trace.ts";
import type { HopKind } from "../target.ts";
import type { DraftExtras, HopContext, HopDraft } from "./hop-context.ts";

type ActionKind = Extract<HopKind, "send" | "publish" | "write" | "invoke">;

// SDK calls that hand something on; every other call (reads, deletes of messages…) is no hop.
const ACTIONS = new Map<string, ActionKind>([
  ["SQS.SendMessage", "send"],
  ["SQS.SendMessageBatch", "send"],
  ["SNS.Publish", "publish"],
  ["SNS.PublishBatch", "publish"],
  ["Lambda.Invoke", "invoke"],
  ["DynamoDB.PutItem", "write"],
  ["DynamoDB.UpdateItem", "write"],
  ["DynamoDB.DeleteItem", "write"],
  ["DynamoDB.TransactWriteItems", "write"],
  ["DynamoDB.BatchWriteItem", "write"],
]);

const RESOURCE = { send: "queue", publish: "topic", invoke: "function" } as const;

/**
 * The hops of one `sdk-call` span, added to `context`: one per send, publish and invoke, one per
 * table a write touched. None for other calls, for a DryRun, for a call that named no resource,
 * or when the invocation it ran in was folded out of a bounded trace.
 *
 * @example
 * addActionHops(span, context, position);
 */
export function addActionHops(span: Span, context: HopContext, order: number): void {
  const kind = ACTIONS.get(span.name);
  if (kind === undefined || span.attributes.invocationType === "DryRun") return;
  const actor = actorOf(span, context);
  if (actor === undefined) return;
  const ids = listAttribute(span.attributes.correlationIds);
  const of = { kind, actor, order };
  if (kind !== "write") {
    const resource = span.attributes[RESOURCE[kind]];
    if (typeof resource !== "string") return;
    const messages = span.attributes.messages;
    const to = context.names.of(RESOURCE[kind], resource);
    const produced = typeof messages === "number" ? messages : 1;
    context.add(span.id, makeDraft(span, of, { id: span.id, to, correlationIds: ids, sub: 0, produced }));
    return;
  }
  const tables = listAttribute(span.attributes.table ?? span.attributes.tables);
  for (const [i, physical] of tables.entries()) {
    const table = context.names.of("table", physical);
    const written = context.streamWrites(table, span.id);
    const id = tables.length === 1 ? span.id : `${span.id}>${table}`;
    // The stream shows what was written, whatever the operation; else only a PutItem's item says.
    const correlationIds = written !== undefined && written.ids.size > 0 ? [...written.ids] : ids;
    const produced = written?.records ?? 1;
    context.add(span.id, makeDraft(span, of, { id, to: table, correlationIds, sub: i, produced }));
  }
}

/**
 * One draft, built field by field: an object literal that spreads a shared base with conditional
 * members copies them through the runtime's slow path, six times slower here, for every span of
 * every run.
 */
function makeDraft(
  span: Span,
  of: { kind: ActionKind; actor: { from: string; causes: string[] }; order: number },
  hop: { id: string; to: string; correlationIds: string[]; sub: number; produced: number },
): HopDraft & DraftExtras {
  const made: HopDraft & DraftExtras = {
    id: hop.id,
    kind: of.kind,
    from: of.actor.from,
    to: hop.to,
    startMs: span.startMs,
    endMs: span.endMs,
    status: span.status,
    causes: of.actor.causes,
    correlationIds: hop.correlationIds,
    traceId: "",
    order: of.order,
    sub: hop.sub,
    produced: hop.produced,
  };
  if (span.error !== undefined) made.error = span.error;
  return made;
}

/** The function whose invocation made the call (and that invocation), or the test itself. */
function actorOf(span: Span, context: HopContext): { from: string; causes: string[] } | undefined {
  for (let parentId = span.parentId; parentId !== undefined; ) {
    const parent = context.span(parentId);
    if (parent === undefined) return undefined;
    if (parent.kind === "invocation") {
      const fn = parent.attributes.function;
      return {
        from: context.names.of("function", typeof fn === "string" ? fn : parent.name),
        causes: [parent.id],
      };
    }
    parentId = parent.parentId;
  }
  return { from: "test", causes: [] };
}

function listAttribute(value: string | number | boolean | undefined): string[] {
  return typeof value === "string" && value !== "" ? value.split(",") : [];
}

import type { App } from "../../app/model.ts";
import type { StoredStreamRecord } from "../../cloud/table/streams/types.ts";
import type { Span } from "../../core/trace.ts";
import type { Hop } from "../target.ts";
import type { LogicalNames } from "./logical-names.ts";

/** A hop while {@link collectHops} builds it: mutable, with what ordering and attempt counting need. */
export type HopDraft = { -readonly [K in keyof Hop]: Hop[K] };

/** What a draft carries besides the hop. */
export interface DraftExtras {
  /** Position of the span it comes from, then of the hop within it: the hops' order. */
  readonly order: number;
  readonly sub: number;
  /** How many messages or stream records the action produced (for counting redeliveries). */
  readonly produced: number;
}

/** Correlation ids and record count one span's writes left in one table's stream. */
interface StreamWrites {
  readonly ids: Set<string>;
  records: number;
}

/**
 * Everything hop building reads and the drafts built so far: the app, the way back to logical
 * names, the retained spans, and the correlation ids in each streamed table's records by the
 * span that wrote them.
 */
export class HopContext {
  readonly drafts: (HopDraft & DraftExtras)[] = [];
  private readonly bySpan = new Map<string, (HopDraft & DraftExtras)[]>();
  private readonly byId = new Map<string, HopDraft & DraftExtras>();
  private readonly streams = new Map<string, Map<string, StreamWrites>>();

  constructor(
    readonly app: App,
    readonly names: LogicalNames,
    readonly span: (id: string) => Span | undefined,
    records: (table: string) => readonly StoredStreamRecord[],
    field: string,
  ) {
    for (const [table, definition] of Object.entries(app.tables))
      if (definition.stream !== undefined) this.streams.set(table, indexStream(records(table), field));
  }

  /** Adds a hop built from a span, or (without `spanId`) one the trace does not record. */
  add(spanId: string | undefined, draft: HopDraft & DraftExtras): void {
    this.drafts.push(draft);
    this.byId.set(draft.id, draft);
    if (spanId === undefined) return;
    const of = this.bySpan.get(spanId);
    if (of === undefined) this.bySpan.set(spanId, [draft]);
    else of.push(draft);
  }

  /** The hops built from a span (several for a multi-table write). */
  fromSpan(spanId: string): readonly (HopDraft & DraftExtras)[] {
    return this.bySpan.get(spanId) ?? [];
  }

  get(id: string): (HopDraft & DraftExtras) | undefined {
    return this.byId.get(id);
  }

  /** What a span's writes left in a streamed table's stream; undefined when it left nothing. */
  streamWrites(table: string, spanId: string): StreamWrites | undefined {
    return this.streams.get(table)?.get(spanId);
  }
}

function indexStream(records: readonly StoredStreamRecord[], field: string): Map<string, StreamWrites> {
  const bySpan = new Map<string, StreamWrites>();
  for (const { record, causeSpanId } of records) {
    if (causeSpanId === undefined) continue;
    let writes = bySpan.get(causeSpanId);
    if (writes === undefined) {
      writes = { ids: new Set(), records: 0 };
      bySpan.set(causeSpanId, writes);
    }
    writes.records++;
    const image = record.eventName === "REMOVE" ? record.dynamodb.OldImage : record.dynamodb.NewImage;
    const value = image?.[field] as { S?: unknown } | undefined;
    if (typeof value?.S === "string") writes.ids.add(value.S);
  }
  return bySpan;
}

import { createHash } from "node:crypto";

/** What a span stands for. */
export type SpanKind = "scenario" | "invocation" | "sdk-call" | "delivery" | "internal";

/** Attribute values a span may carry: plain, so that traces serialise and hash stably. */
export type SpanAttributes = Record<string, string | number | boolean>;

/**
 * One unit of work in a simulation: an invocation, an SDK call, a delivery. `parentId` is the
 * span it ran inside (an SDK call's invocation); `links` are the spans that caused it from
 * elsewhere (the write whose stream record triggered this invocation).
 */
export interface Span {
  readonly id: string;
  readonly parentId: string | undefined;
  readonly kind: SpanKind;
  readonly name: string;
  readonly startMs: number;
  endMs: number | undefined;
  status: "ok" | "error" | "open";
  error: string | undefined;
  readonly attributes: SpanAttributes;
  readonly links: string[];
}

/**
 * The record of what happened in a run. Span ids are sequential (`s1`, `s2`…) so that the same
 * run gives the same ids, and the fingerprint — a SHA-256 over every span in start order — is
 * stable across processes and machines.
 *
 * @example
 * const span = trace.start({ kind: "sdk-call", name: "DynamoDB.PutItem", parentId, atMs });
 * trace.end(span, { atMs: later });
 * trace.fingerprint(); // "9f2c…"
 */
export class Trace {
  // Ids are `s` + position, so `get` indexes the array instead of keeping a map beside it.
  private readonly spans: Span[] = [];

  /** Opens a span. */
  start(init: {
    kind: SpanKind;
    name: string;
    atMs: number;
    parentId?: string | undefined;
    attributes?: SpanAttributes;
    links?: readonly string[];
  }): Span {
    const span: Span = {
      id: `s${this.spans.length + 1}`,
      parentId: init.parentId,
      kind: init.kind,
      name: init.name,
      startMs: init.atMs,
      endMs: undefined,
      status: "open",
      error: undefined,
      attributes: { ...init.attributes },
      links: init.links === undefined ? [] : [...init.links],
    };
    this.spans.push(span);
    return span;
  }

  /** Closes a span, with an error message if it failed. */
  end(span: Span, outcome: { atMs: number; error?: string }): void {
    span.endMs = outcome.atMs;
    span.status = outcome.error === undefined ? "ok" : "error";
    span.error = outcome.error;
  }

  /** Adds a causal link: `causeId` produced what `span` consumed. */
  link(span: Span, causeId: string): void {
    if (!span.links.includes(causeId)) span.links.push(causeId);
  }

  get(id: string): Span | undefined {
    const span = this.spans[Number(id.slice(1)) - 1];
    return span?.id === id ? span : undefined;
  }

  /** Every span, in start order. */
  all(): readonly Span[] {
    return this.spans;
  }

  /** The spans whose parent is `id`. */
  children(id: string): Span[] {
    return this.spans.filter((s) => s.parentId === id);
  }

  /** A stable hash of the whole trace: equal runs give equal fingerprints. */
  fingerprint(): string {
    const hash = createHash("sha256");
    for (const s of this.spans) {
      const attributes = Object.keys(s.attributes)
        .sort()
        .map((k) => [k, s.attributes[k]]);
      hash.update(
        JSON.stringify([
          s.id,
          s.parentId ?? null,
          s.kind,
          s.name,
          s.startMs,
          s.endMs ?? null,
          s.status,
          s.error ?? null,
          attributes,
          s.links,
        ]),
      );
      hash.update("\n");
    }
    return hash.digest("hex");
  }
}

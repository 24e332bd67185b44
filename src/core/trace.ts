import { createHash, type Hash } from "node:crypto";

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

/** Options of {@link Trace}. */
export interface TraceOptions {
  /**
   * How many spans to keep for inspection. Default: all. With a bound, the oldest finished spans
   * are folded into the fingerprint and dropped, so a long load run keeps flat memory; the
   * fingerprint stays exactly what it would be with every span kept.
   */
  retainSpans?: number;
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
  // Ids are `s` + position, so `get` indexes the array (offset by the spans already folded).
  private spans: Span[] = [];
  private folded = 0;
  private changes = 0;
  private readonly folding: Hash = createHash("sha256");
  private readonly retain: number;

  constructor(options: TraceOptions = {}) {
    this.retain = options.retainSpans ?? Number.POSITIVE_INFINITY;
  }

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
      id: `s${this.folded + this.spans.length + 1}`,
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
    this.changes++;
    if (this.spans.length > this.retain) this.fold();
    return span;
  }

  /** Closes a span, with an error message if it failed. */
  end(span: Span, outcome: { atMs: number; error?: string }): void {
    this.changes++;
    span.endMs = outcome.atMs;
    span.status = outcome.error === undefined ? "ok" : "error";
    span.error = outcome.error;
  }

  /** Adds a causal link: `causeId` produced what `span` consumed. */
  link(span: Span, causeId: string): void {
    if (!span.links.includes(causeId)) span.links.push(causeId);
    this.changes++;
  }

  /** Sets an attribute of an open span (what only became known while it ran). */
  setAttribute(span: Span, key: string, value: string | number | boolean): void {
    span.attributes[key] = value;
    this.changes++;
  }

  /** Changes with every span opened, closed, linked or given an attribute: equal versions, equal trace. */
  get version(): number {
    return this.changes;
  }

  /** A retained span by id. */
  get(id: string): Span | undefined {
    const span = this.spans[Number(id.slice(1)) - 1 - this.folded];
    return span?.id === id ? span : undefined;
  }

  /** Every retained span, in start order (every span, unless `retainSpans` bounds them). */
  all(): readonly Span[] {
    return this.spans;
  }

  /** How many spans the run has opened, retained or not. */
  get size(): number {
    return this.folded + this.spans.length;
  }

  /** The retained spans whose parent is `id`. */
  children(id: string): Span[] {
    return this.spans.filter((s) => s.parentId === id);
  }

  /** A stable hash of the whole trace: equal runs give equal fingerprints. */
  fingerprint(): string {
    const hash = this.folding.copy();
    hashSpans(hash, this.spans, this.spans.length);
    return hash.digest("hex");
  }

  // Folds finished spans from the front; an open span stops it, since it may still change.
  private fold(): void {
    let drop = 0;
    const excess = this.spans.length - this.retain;
    while (drop < this.spans.length && (drop < excess || drop < this.spans.length / 4)) {
      if ((this.spans[drop] as Span).status === "open") break;
      drop++;
    }
    if (drop === 0) return;
    hashSpans(this.folding, this.spans, drop);
    this.spans = this.spans.slice(drop);
    this.folded += drop;
  }
}

// Hashes the first `count` spans, one JSON line each, handed over a few hundred lines at a time:
// the digest is the same as line by line, without two native calls per span (and a chunk stays
// far below the longest string V8 can make, whatever the number of spans).
function hashSpans(hash: Hash, spans: readonly Span[], count: number): void {
  for (let start = 0; start < count; start += 512) {
    let text = "";
    for (let i = start; i < Math.min(count, start + 512); i++) text += `${spanLine(spans[i] as Span)}\n`;
    hash.update(text);
  }
}

// JSON.stringify([id, parentId ?? null, kind, name, startMs, endMs ?? null, status, error ?? null,
// [[key, value]… by key], links]), written out piece by piece: the same text, without the arrays
// that building it whole allocated for every span of every run.
function spanLine(s: Span): string {
  const keys = Object.keys(s.attributes);
  sortInPlace(keys);
  let attributes = "";
  for (const key of keys) {
    attributes += `${attributes === "" ? "" : ","}[${JSON.stringify(key)},${json(s.attributes[key])}]`;
  }
  let links = "";
  for (const link of s.links) links += `${links === "" ? "" : ","}${json(link)}`;
  return (
    `[${json(s.id)},${json(s.parentId)},${json(s.kind)},${json(s.name)},${json(s.startMs)},` +
    `${json(s.endMs)},${json(s.status)},${json(s.error)},[${attributes}],[${links}]]`
  );
}

// A value as JSON.stringify writes it inside an array (undefined and non-finite numbers as null);
// only strings need its escaping.
function json(value: string | number | boolean | undefined): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    default:
      return "null";
  }
}

// Insertion sort, by UTF-16 code units as Array.prototype.sort orders strings: a span has a handful
// of attributes, often already in order, and V8's sort allocates a working copy for every call
// (the largest single allocation of a load run).
function sortInPlace(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
}

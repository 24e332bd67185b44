import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChoiceStream } from "./choices.ts";
import { Trace } from "./trace.ts";

/** Replays a script of span operations (open, close the n-th open one) on a trace. */
function play(trace: Trace, script: readonly { open: boolean; pick: number }[]): void {
  const open: ReturnType<Trace["start"]>[] = [];
  for (const [i, step] of script.entries()) {
    if (step.open || open.length === 0) {
      const parentId = open.length > 0 ? open[step.pick % open.length]?.id : undefined;
      open.push(trace.start({ kind: "internal", name: `op${i % 3}`, atMs: i, parentId, attributes: { i } }));
    } else {
      const [span] = open.splice(step.pick % open.length, 1);
      if (span !== undefined) trace.end(span, i % 5 === 0 ? { atMs: i, error: "boom" } : { atMs: i });
    }
  }
}

describe("trace retention", () => {
  it("gives the same fingerprint whether it keeps every span or a few", () => {
    const script = fc.array(fc.record({ open: fc.boolean(), pick: fc.nat(50) }), { maxLength: 300 });
    fc.assert(
      fc.property(script, fc.integer({ min: 1, max: 20 }), (steps, retain) => {
        const all = new Trace();
        const bounded = new Trace({ retainSpans: retain });
        play(all, steps);
        play(bounded, steps);
        expect(bounded.fingerprint()).toBe(all.fingerprint());
        expect(bounded.size).toBe(all.size);
        for (const span of bounded.all()) expect(all.get(span.id)).toEqual(span);
      }),
    );
  });

  it("hashes one JSON line per span, attributes sorted, across any number of spans", () => {
    // The definition, written out here: a change to it would change every recorded fingerprint.
    const line = (s: ReturnType<Trace["start"]>): string =>
      `${JSON.stringify([s.id, s.parentId ?? null, s.kind, s.name, s.startMs, s.endMs ?? null, s.status, s.error ?? null, Object.entries(s.attributes).sort(([a], [b]) => (a < b ? -1 : 1)), s.links])}\n`;
    const all = new Trace();
    const bounded = new Trace({ retainSpans: 300 });
    let expected = createHash("sha256");
    for (let i = 0; i < 1500; i++) {
      for (const trace of [all, bounded]) {
        const span = trace.start({ kind: "internal", name: `n${i}`, atMs: i, attributes: { z: i, a: "x" } });
        trace.end(span, { atMs: i + 1 });
      }
      expected = expected.update(line(all.get(`s${i + 1}`)!));
    }
    const digest = expected.digest("hex");
    expect(all.fingerprint()).toBe(digest);
    expect(bounded.fingerprint()).toBe(digest);
  });

  it("writes each line as JSON.stringify would, whatever the names, values, errors and links", () => {
    const line = (s: ReturnType<Trace["start"]>): string =>
      `${JSON.stringify([s.id, s.parentId ?? null, s.kind, s.name, s.startMs, s.endMs ?? null, s.status, s.error ?? null, Object.entries(s.attributes).sort(([a], [b]) => (a < b ? -1 : 1)), s.links])}\n`;
    const value = fc.oneof(fc.string(), fc.double(), fc.boolean());
    const span = fc.record({
      name: fc.string(),
      atMs: fc.double(),
      endMs: fc.option(fc.double(), { nil: undefined }),
      error: fc.option(fc.string(), { nil: undefined }),
      attributes: fc.dictionary(fc.string(), value),
      links: fc.array(fc.string(), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), (specs) => {
        const trace = new Trace();
        let parentId: string | undefined;
        for (const spec of specs) {
          const opened = trace.start({ kind: "sdk-call", ...spec, parentId });
          if (spec.endMs !== undefined)
            trace.end(
              opened,
              spec.error === undefined ? { atMs: spec.endMs } : { atMs: spec.endMs, error: spec.error },
            );
          parentId = opened.id;
        }
        const expected = createHash("sha256").update(trace.all().map(line).join("")).digest("hex");
        expect(trace.fingerprint()).toBe(expected);
      }),
    );
  });

  it("moves its version on with every span opened, closed, linked or given an attribute", () => {
    const trace = new Trace();
    const versions = [trace.version];
    const span = trace.start({ kind: "internal", name: "x", atMs: 0 });
    versions.push(trace.version);
    trace.setAttribute(span, "coldStart", true);
    versions.push(trace.version);
    trace.link(span, "s0");
    versions.push(trace.version);
    trace.end(span, { atMs: 1 });
    versions.push(trace.version);
    expect(new Set(versions).size).toBe(5);
    expect(span.attributes.coldStart).toBe(true);
  });

  it("keeps memory bounded when spans finish", () => {
    const trace = new Trace({ retainSpans: 100 });
    for (let i = 0; i < 10_000; i++)
      trace.end(trace.start({ kind: "internal", name: "x", atMs: i }), { atMs: i });
    expect(trace.all().length).toBeLessThanOrEqual(100);
    expect(trace.get("s10000")?.name).toBe("x");
    expect(trace.get("s1")).toBeUndefined();
  });
});

describe("choice recording", () => {
  it("draws the same values without keeping them, and refuses to hand out a recording", () => {
    const kept = new ChoiceStream(9);
    const lean = new ChoiceStream(9, { record: false });
    const a = Array.from({ length: 50 }, () => kept.nextInt("x", 1000));
    const b = Array.from({ length: 50 }, () => lean.nextInt("x", 1000));
    expect(b).toEqual(a);
    expect(lean.length).toBe(50);
    expect(() => lean.recording()).toThrow(/recordChoices: false/);
  });
});

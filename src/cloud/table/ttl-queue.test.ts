import { afterEach, describe, expect, it } from "vitest";
import { runInContext, type SimContext } from "../../core/context.ts";
import { createSimulation, type Simulation } from "../../core/simulation.ts";
import { ManualKernel } from "./streams/testing.ts";
import { type QueuedEntry, TtlQueue } from "./ttl-queue.ts";

interface Entry extends QueuedEntry {
  readonly name: string;
}

const entry = (name: string, dueMs: number, context?: SimContext): Entry => ({
  name,
  dueMs,
  seq: 0,
  cancelled: false,
  label: `work.${name}`,
  context,
});

describe("TtlQueue", () => {
  it("runs what its entries push for the same millisecond in the same sweep, under one timer", () => {
    const kernel = new ManualKernel({ nowMs: 0 });
    const ran: string[] = [];
    const queue: TtlQueue<Entry> = new TtlQueue<Entry>(kernel, (e) => {
      ran.push(`${e.name}@${kernel.nowMs()}`);
      if (e.name === "a") queue.push(entry("a-again", kernel.nowMs()));
    });
    queue.push(entry("b", 100));
    queue.push(entry("a", 50));
    expect(kernel.pendingLabels()).toEqual(["work.a"]);
    kernel.advance(60);
    expect(ran).toEqual(["a@50", "a-again@50"]);
    expect(kernel.pendingLabels()).toEqual(["work.b"]);
    kernel.advance(40);
    expect(ran).toEqual(["a@50", "a-again@50", "b@100"]);
    expect(kernel.pendingLabels()).toEqual([]);
  });

  it("sets the timer again after a sweep that threw, for the entries it did not reach", () => {
    const kernel = new ManualKernel({ nowMs: 0 });
    const ran: string[] = [];
    const queue = new TtlQueue<Entry>(kernel, (e) => {
      if (e.name === "bad") throw new Error("boom");
      ran.push(e.name);
    });
    queue.push(entry("bad", 10));
    queue.push(entry("good", 10));
    expect(() => kernel.advance(10)).toThrow("boom");
    expect(kernel.pendingLabels()).toEqual(["work.good"]);
    kernel.advance(0);
    expect(ran).toEqual(["good"]);
  });
});

describe("TtlQueue in a simulation", () => {
  const sims: Simulation[] = [];
  afterEach(() => {
    for (const s of sims.splice(0)) s.dispose();
  });

  it("runs each entry in the context it was queued in, whichever span last moved the timer", async () => {
    const sim = createSimulation({ seed: 1 });
    sims.push(sim);
    const ran: string[] = [];
    const queue = new TtlQueue<Entry>(sim, (e) => ran.push(`${e.name}:${sim.currentSpanId() ?? "none"}`));
    const span = (spanId: string): SimContext => ({ sim, spanId });
    const now = sim.nowMs();
    // "late" is queued outside any span; "early", queued later from span s2, moves the timer.
    queue.push(entry("late", now + 2000));
    runInContext(span("s1"), () => queue.push(entry("mid", now + 1500, span("s1"))));
    runInContext(span("s2"), () => queue.push(entry("early", now + 1000, span("s2"))));
    expect(sim.pending()).toEqual([{ label: "work.early", dueMs: now + 1000 }]);
    await sim.advance(3000);
    expect(ran).toEqual(["early:s2", "mid:s1", "late:none"]);
    expect(sim.pending()).toEqual([]);
  });
});

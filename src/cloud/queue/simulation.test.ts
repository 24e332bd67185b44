import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../core/simulation.ts";
import { SqsService } from "./service.ts";

const sims: Simulation[] = [];
afterEach(() => {
  for (const s of sims.splice(0)) s.dispose();
});

function setup(options: ConstructorParameters<typeof SqsService>[1] = {}) {
  const sim = createSimulation({ seed: 11 });
  sims.push(sim);
  const sqs = new SqsService(sim, options);
  const url = (sqs.handle("CreateQueue", { QueueName: "Orders" }) as { QueueUrl: string }).QueueUrl;
  return { sim, sqs, url };
}

/** A poller like Lambda's event source mapping: long polls in the background, deletes what it got. */
function startPoller(sqs: SqsService, url: string, seen: string[]): void {
  const poll = async (): Promise<void> => {
    const messages = await sqs.receive(url, { maxMessages: 10, waitTimeSeconds: 20 }, { background: true });
    for (const m of messages) {
      seen.push(m.Body ?? "");
      sqs.deleteByReceipt(url, m.ReceiptHandle ?? "");
    }
    void poll();
  };
  void poll();
}

describe("on the real simulation kernel", () => {
  it("idle pollers do not keep runUntilIdle busy, and a send wakes them at once", async () => {
    const { sim, sqs, url } = setup();
    const seen: string[] = [];
    sim.spawn("poller", () => startPoller(sqs, url, seen));
    const startMs = sim.nowMs();
    await sim.runUntilIdle();
    expect(sim.nowMs()).toBe(startMs);
    sim.spawn("producer", () => {
      sqs.handle("SendMessage", { QueueUrl: url, MessageBody: "order-1" });
    });
    await sim.runUntilIdle();
    expect(seen).toEqual(["order-1"]);
    expect(sim.nowMs()).toBe(startMs);
  });

  it("a delayed message keeps the run going until it is delivered", async () => {
    const { sim, sqs, url } = setup();
    const seen: string[] = [];
    sim.spawn("poller", () => startPoller(sqs, url, seen));
    sim.spawn("producer", () => {
      sqs.handle("SendMessage", { QueueUrl: url, MessageBody: "later", DelaySeconds: 30 });
    });
    const startMs = sim.nowMs();
    await sim.runUntilIdle();
    expect(seen).toEqual(["later"]);
    expect(sim.nowMs()).toBe(startMs + 30_000);
  });

  it("an SDK-style long poll holds the scenario until its wait ends", async () => {
    const { sim, sqs, url } = setup();
    const startMs = sim.nowMs();
    const out = await sim.run(() => sqs.handle("ReceiveMessage", { QueueUrl: url, WaitTimeSeconds: 20 }));
    expect(out).toEqual({});
    expect(sim.nowMs()).toBe(startMs + 20_000);
  });

  it("is deterministic for a seed with duplicates and reordering on", async () => {
    const run = async () => {
      const { sim, sqs, url } = setup({ duplicateDeliveryProbability: 0.3, reorderWindowMs: 500 });
      const seen: string[] = [];
      sim.spawn("poller", () => startPoller(sqs, url, seen));
      sim.spawn("producer", () => {
        for (let i = 0; i < 30; i++) sqs.handle("SendMessage", { QueueUrl: url, MessageBody: `m${i}` });
      });
      await sim.runUntilIdle();
      return seen;
    };
    const first = await run();
    expect(new Set(first).size).toBe(30);
    expect(first.length).toBeGreaterThan(30);
    expect(await run()).toEqual(first);
  });
});

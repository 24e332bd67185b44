import { describe, expect, it } from "vitest";
import { testSqs } from "./testing/fixtures.ts";

async function drain(t: ReturnType<typeof testSqs>, url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const messages = await t.receive(url);
    if (messages.length === 0) return bodies;
    for (const m of messages) {
      bodies.push(m.Body ?? "");
      t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
    }
  }
}

describe("at-least-once and reordering knobs", () => {
  it("are off by default: once each, in send order, with no draws", async () => {
    const t = testSqs();
    const url = t.create("Q");
    for (let i = 0; i < 25; i++) t.send(url, `m${i}`);
    expect(await drain(t, url)).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
    expect(t.kernel.draws.filter((d) => !d.label.endsWith(".messageId"))).toEqual([]);
  });

  it("duplicate deliveries are drawn per delivered message and counted", async () => {
    const t = testSqs({ duplicateDeliveryProbability: 0.5 }, 7);
    const url = t.create("Q");
    for (let i = 0; i < 40; i++) t.send(url, `m${i}`);
    const bodies = await drain(t, url);
    const draws = t.kernel.draws.filter((d) => d.label === "fault.sqs.duplicateDelivery.Q");
    expect(draws.length).toBe(40);
    // Faults fire on the top of the draw's range: 0, the simplest draw, is no fault.
    const duplicated = draws.filter((d) => d.value >= 500_000).length;
    expect(duplicated).toBeGreaterThan(0);
    expect(bodies.length).toBe(40 + duplicated);
    expect(new Set(bodies).size).toBe(40);
    expect(t.sqs.counters().Q?.duplicatesDelivered).toBe(duplicated);
  });

  it("a duplicate keeps its MessageId and survives the original's deletion", async () => {
    const t = testSqs({ duplicateDeliveryProbability: 1 });
    const url = t.create("Q");
    const id = t.send(url, "once");
    const [original] = await t.receive(url);
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: original?.ReceiptHandle });
    const [copy] = await t.receive(url);
    expect(copy).toMatchObject({ MessageId: id, Body: "once" });
    expect(copy?.Attributes?.ApproximateReceiveCount).toBe("1");
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: copy?.ReceiptHandle });
    expect(await t.receive(url)).toEqual([]);
  });

  it("the reorder window delays each send by a drawn amount, so order may change", async () => {
    const t = testSqs({ reorderWindowMs: 1000 }, 3);
    const url = t.create("Q");
    for (let i = 0; i < 20; i++) t.send(url, `m${i}`);
    const delays = t.kernel.draws.filter((d) => d.label === "fault.sqs.reorder.Q").map((d) => d.value);
    expect(delays.length).toBe(20);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
    const bodies: string[] = [];
    for (let ms = 0; ms <= 1000; ms += 50) {
      bodies.push(...(await drain(t, url)));
      t.kernel.advance(50);
    }
    // Each message shows up in the first 50 ms round at or after its drawn delay; within a round,
    // in send order.
    const expected = delays
      .map((d, i) => ({ round: Math.ceil(d / 50), i }))
      .sort((a, b) => a.round - b.round || a.i - b.i)
      .map((e) => `m${e.i}`);
    expect(bodies).toEqual(expected);
    expect(bodies).not.toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
  });

  it("redeliver a message whose visibility timeout lapsed early, and delay sends", async () => {
    const t = testSqs({ redeliveryProbability: 1, deliveryDelayMsMax: 500 }, 5);
    const url = t.create("Q");
    t.send(url, "slow consumer");
    const delayMs = t.kernel.draws.find((d) => d.label === "fault.sqs.deliveryDelay.Q")?.value ?? -1;
    expect(delayMs).toBeGreaterThanOrEqual(0);
    expect(delayMs).toBeLessThanOrEqual(500);
    t.kernel.advance(500);
    const [first] = await t.receive(url);
    const afterMs = t.kernel.draws.find((d) => d.label === "fault.sqs.redelivery.Q.afterMs")?.value ?? -1;
    expect(afterMs).toBeLessThan(30_000);
    t.kernel.advance(afterMs);
    const [again] = await t.receive(url);
    expect(again).toMatchObject({
      MessageId: first?.MessageId,
      Attributes: { ApproximateReceiveCount: "2" },
    });
  });

  it("never affect FIFO queues", async () => {
    const t = testSqs({ duplicateDeliveryProbability: 1, reorderWindowMs: 1000 });
    const url = t.create("F.fifo", { ContentBasedDeduplication: "true" });
    for (let i = 0; i < 5; i++)
      t.call("SendMessage", { QueueUrl: url, MessageBody: `m${i}`, MessageGroupId: "g" });
    expect(await drain(t, url)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(t.kernel.draws.filter((d) => !d.label.endsWith(".messageId"))).toEqual([]);
  });

  it("can be changed during a run, e.g. off for a liveness phase", async () => {
    const t = testSqs({ duplicateDeliveryProbability: 1 });
    const url = t.create("Q");
    t.send(url, "a");
    expect((await drain(t, url)).length).toBe(2);
    t.sqs.setDeliveryFaults({ duplicateDeliveryProbability: 0 });
    t.send(url, "b");
    expect(await drain(t, url)).toEqual(["b"]);
    expect(() => t.sqs.setDeliveryFaults({ reorderWindowMs: -5 })).toThrow(/reorderWindowMs/);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../core/simulation.ts";
import type { SnsFaultOptions } from "./model.ts";
import { SnsService } from "./service.ts";
import { functionArn, queueArn } from "./testing/fake-endpoints.ts";

let sim: Simulation | undefined;
afterEach(() => sim?.dispose());

/** A topic (standard or FIFO) with a queue and a function subscribed; deliveries recorded with their time. */
function world(faults: SnsFaultOptions, fifo = false) {
  sim = createSimulation({ seed: 11 });
  const kernel = sim;
  const delivered: { to: string; atMs: number; body: string }[] = [];
  const sns = new SnsService(
    kernel,
    {
      deliverToQueue: (arn, message) => delivered.push({ to: arn, atMs: kernel.nowMs(), body: message.body }),
      invokeFunction: (arn, event) =>
        delivered.push({ to: arn, atMs: kernel.nowMs(), body: event.Records[0]?.Sns.Message ?? "" }),
    },
    { faults },
  );
  const Name = fifo ? "Prices.fifo" : "Prices";
  const Attributes = fifo ? { FifoTopic: "true", ContentBasedDeduplication: "true" } : {};
  const { TopicArn } = sns.handle("CreateTopic", { Name, Attributes }) as { TopicArn: string };
  const raw = { RawMessageDelivery: "true" };
  sns.handle("Subscribe", {
    TopicArn,
    Protocol: "sqs",
    Endpoint: queueArn(fifo ? "Q.fifo" : "Q"),
    Attributes: raw,
  });
  if (!fifo) sns.handle("Subscribe", { TopicArn, Protocol: "lambda", Endpoint: functionArn("react") });
  const publish = (Message: string) =>
    sns.handle("Publish", { TopicArn, Message, ...(fifo ? { MessageGroupId: "g" } : {}) });
  const labels = () => kernel.choices.recording().choices.map((c) => c.label);
  const spans = (name: string) => kernel.trace.all().filter((s) => s.name === name);
  return { sim: kernel, sns, publish, delivered, labels, spans };
}

describe("SNS faults", () => {
  it("draw nothing when the knobs are 0", async () => {
    const w = world({ duplicateNotificationProbability: 0, fanOutDelayMsMax: 0 });
    w.publish("m");
    await w.sim.runUntilIdle();
    expect(w.delivered).toHaveLength(2);
    expect(w.labels()).toEqual(["sns.Prices.deliveryDelayMs", "sns.Prices.deliveryDelayMs"]);
    expect([...w.sim.faultCoverage()]).toEqual([]);
  });

  it("deliver a notification twice to each subscription of a standard topic", async () => {
    const w = world({ duplicateNotificationProbability: 1 });
    w.publish("m1");
    await w.sim.runUntilIdle();
    expect(w.delivered.map((d) => `${d.to.split(":").at(-1)} ${d.body}`).sort()).toEqual([
      "Q m1",
      "Q m1",
      "react m1",
      "react m1",
    ]);
    expect(w.sim.faultCoverage().get("sns.duplicateNotification")).toEqual({ consulted: 2, fired: 2 });
    expect(w.spans("fault.sns.duplicateNotification").map((s) => s.attributes)).toEqual([
      { where: "Prices" },
      { where: "Prices" },
    ]);
    expect(w.sns.counters().deliveries).toBe(4);
  });

  it("never duplicate on a FIFO topic, without a draw", async () => {
    const w = world({ duplicateNotificationProbability: 1 }, true);
    w.publish("m1");
    await w.sim.runUntilIdle();
    expect(w.delivered).toHaveLength(1);
    expect(w.labels().filter((l) => l.startsWith("fault."))).toEqual([]);
  });

  it("delay a delivery by up to fanOutDelayMsMax on top of its usual delay, then stop when switched off", async () => {
    const w = world({ fanOutDelayMsMax: 10_000 });
    const startMs = w.sim.nowMs();
    w.publish("m1");
    const choices = w.sim.choices.recording().choices;
    const usual = choices.filter((c) => c.label === "sns.Prices.deliveryDelayMs").map((c) => 5 + c.value);
    const extra = choices.filter((c) => c.label === "fault.sns.fanOutDelay.Prices").map((c) => c.value);
    expect(extra).toHaveLength(2);
    await w.sim.runUntilIdle();
    expect(w.delivered.map((d) => d.atMs - startMs).sort((a, b) => a - b)).toEqual(
      [usual[0]! + extra[0]!, usual[1]! + extra[1]!].sort((a, b) => a - b),
    );
    expect(Math.max(...extra)).toBeGreaterThan(50);
    expect(w.sim.faultCoverage().get("sns.fanOutDelay")?.consulted).toBe(2);
    w.sns.setFaults({});
    w.publish("m2");
    expect(w.sim.faultCoverage().get("sns.fanOutDelay")?.consulted).toBe(2);
  });

  it("refuse a bad knob by name", () => {
    expect(() => world({ duplicateNotificationProbability: -1 })).toThrow(
      /SNS fault duplicateNotificationProbability must be a number in \[0, 1\], got -1/,
    );
  });
});

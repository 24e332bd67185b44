import { describe, expect, it } from "vitest";
import { codeOf, testSqs } from "./testing/fixtures.ts";

describe("delay and retention", () => {
  it("delays by the message's DelaySeconds, else by the queue's", async () => {
    const t = testSqs();
    const url = t.create("Q", { DelaySeconds: "10" });
    t.send(url, "queue-delay");
    t.send(url, "own-delay", { DelaySeconds: 3 });
    t.send(url, "no-delay", { DelaySeconds: 0 });
    expect((await t.receive(url)).map((m) => m.Body)).toEqual(["no-delay"]);
    t.kernel.advance(3000);
    expect((await t.receive(url)).map((m) => m.Body)).toEqual(["own-delay"]);
    t.kernel.advance(7000);
    expect((await t.receive(url)).map((m) => m.Body)).toEqual(["queue-delay"]);
    expect(await codeOf(() => t.send(url, "x", { DelaySeconds: 901 }))).toBe("InvalidParameterValue");
  });

  it("expires messages after MessageRetentionPeriod with one background sweep", async () => {
    const t = testSqs();
    const url = t.create("Q", { MessageRetentionPeriod: "60" });
    t.send(url, "a");
    t.kernel.advance(30_000);
    t.send(url, "b");
    expect(t.kernel.scheduledLabels()).toEqual(["sqs.Q.retention"]);
    expect(t.kernel.scheduled.every((s) => s.background)).toBe(true);
    t.kernel.advance(30_000);
    expect(t.attributes(url).ApproximateNumberOfMessages).toBe("1");
    expect((await t.receive(url)).map((m) => m.Body)).toEqual(["b"]);
    t.kernel.advance(30_000);
    expect(t.attributes(url).ApproximateNumberOfMessagesNotVisible).toBe("0");
    expect(t.sqs.counters().Q?.expired).toBe(2);
    expect(t.kernel.scheduledLabels()).toEqual([]);
  });

  it("applies a shorter retention to messages already queued", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.send(url, "old");
    t.kernel.advance(120_000);
    t.call("SetQueueAttributes", { QueueUrl: url, Attributes: { MessageRetentionPeriod: "60" } });
    expect(await t.receive(url)).toEqual([]);
    expect(t.sqs.counters().Q?.expired).toBe(1);
  });
});

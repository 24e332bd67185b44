import { describe, expect, it } from "vitest";
import { testSqs } from "./testing/fixtures.ts";

/** Lets promise callbacks run, as the run loop does between actions. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("long polling", () => {
  it("is answered at once by a send during the wait", async () => {
    const t = testSqs();
    const url = t.create("Q");
    let got: string[] | undefined;
    void t.receive(url, { WaitTimeSeconds: 20 }).then((m) => {
      got = m.map((x) => x.Body ?? "");
    });
    t.kernel.advance(5000);
    await settle();
    expect(got).toBeUndefined();
    t.send(url, "hello");
    await settle();
    expect(got).toEqual(["hello"]);
    // The wait's end timer was cancelled with the answer.
    expect(t.kernel.scheduledLabels()).not.toContain("sqs.Q.longPollEnd");
  });

  it("ends empty when the wait ends", async () => {
    const t = testSqs();
    const url = t.create("Q", { ReceiveMessageWaitTimeSeconds: "10" });
    let got: unknown;
    void t.receive(url).then((m) => {
      got = m;
    });
    t.kernel.advance(9_999);
    await settle();
    expect(got).toBeUndefined();
    t.kernel.advance(1);
    await settle();
    expect(got).toEqual([]);
  });

  it("wakes when a delayed message becomes visible and when a visibility timeout ends", async () => {
    const t = testSqs();
    const url = t.create("Q", { VisibilityTimeout: "3" });
    t.send(url, "late", { DelaySeconds: 2 });
    const first = t.receive(url, { WaitTimeSeconds: 20 });
    t.kernel.advance(2000);
    expect((await first).map((m) => m.Body)).toEqual(["late"]);
    const second = t.receive(url, { WaitTimeSeconds: 20 });
    t.kernel.advance(3000);
    expect((await second).map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual(["2"]);
  });

  it("serves waiters oldest first", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const a = t.receive(url, { WaitTimeSeconds: 20 });
    const b = t.receive(url, { WaitTimeSeconds: 20 });
    t.send(url, "one");
    t.send(url, "two");
    expect((await a).map((m) => m.Body)).toEqual(["one"]);
    expect((await b).map((m) => m.Body)).toEqual(["two"]);
  });

  it("makes only an internal poller's wait timer a background action", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const internal = t.sqs.receive(url, { maxMessages: 10, waitTimeSeconds: 20 }, { background: true });
    const sdk = t.receive(url, { WaitTimeSeconds: 20 });
    const ends = t.kernel.scheduled.filter((s) => s.label === "sqs.Q.longPollEnd").map((s) => s.background);
    expect(ends).toEqual([true, false]);
    t.send(url, "x");
    const [message] = await internal;
    expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: "1", SenderId: "000000000000" });
    t.kernel.advance(20_000);
    expect(await sdk).toEqual([]);
  });

  it("ends waits on a queue that is deleted", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const waiting = t.receive(url, { WaitTimeSeconds: 20 });
    t.call("DeleteQueue", { QueueUrl: url });
    expect(await waiting).toEqual([]);
    expect(t.kernel.scheduledLabels()).toEqual([]);
  });
});

describe("long polling on FIFO queues", () => {
  it("wakes when deleting the in-flight message unblocks the group", async () => {
    const t = testSqs();
    const url = t.create("F.fifo", { ContentBasedDeduplication: "true" });
    t.call("SendMessage", { QueueUrl: url, MessageBody: "1", MessageGroupId: "g" });
    t.call("SendMessage", { QueueUrl: url, MessageBody: "2", MessageGroupId: "g" });
    const [first] = await t.receive(url, { MaxNumberOfMessages: 1 });
    const waiting = t.receive(url, { WaitTimeSeconds: 20 });
    t.kernel.advance(1000);
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: first?.ReceiptHandle });
    expect((await waiting).map((m) => m.Body)).toEqual(["2"]);
  });
});

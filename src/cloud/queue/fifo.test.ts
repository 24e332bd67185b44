import { describe, expect, it } from "vitest";
import { codeOf, testSqs } from "./testing/fixtures.ts";

function fifoQueue(attributes: Record<string, string> = {}) {
  const t = testSqs();
  const url = t.create("Orders.fifo", attributes);
  let n = 0;
  const send = (group: string, body: string, dedup = `d${++n}`) =>
    t.call("SendMessage", {
      QueueUrl: url,
      MessageBody: body,
      MessageGroupId: group,
      MessageDeduplicationId: dedup,
    });
  return { t, url, send };
}

describe("FIFO queues", () => {
  it("keep order within a group and block a group while it has messages in flight", async () => {
    const { t, url, send } = fifoQueue();
    send("a", "a1");
    send("b", "b1");
    send("a", "a2");
    send("b", "b2");
    const first = await t.receive(url, { MaxNumberOfMessages: 3 });
    expect(first.map((m) => m.Body)).toEqual(["a1", "a2", "b1"]);
    // b2 must wait: b1 is in flight; a is blocked entirely.
    expect(await t.receive(url)).toEqual([]);
    const b1 = first[2];
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: b1?.ReceiptHandle });
    const [b2] = await t.receive(url);
    expect(b2?.Body).toBe("b2");
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: b2?.ReceiptHandle });
    // a's batch times out and comes back, in order.
    t.kernel.advance(30_000);
    const again = await t.receive(url);
    expect(again.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([
      ["a1", "2"],
      ["a2", "2"],
    ]);
  });

  it("carries group, deduplication id and increasing sequence numbers", async () => {
    const { t, url, send } = fifoQueue();
    const s1 = send("g", "x", "id-1").SequenceNumber as string;
    const s2 = send("g", "y", "id-2").SequenceNumber as string;
    expect(s1).toMatch(/^\d{20}$/);
    expect(BigInt(s2) > BigInt(s1)).toBe(true);
    const [m] = await t.receive(url, { MaxNumberOfMessages: 1 });
    expect(m?.Attributes).toMatchObject({
      MessageGroupId: "g",
      MessageDeduplicationId: "id-1",
      SequenceNumber: s1,
    });
  });

  it("drops a duplicate within 5 minutes of the first send, and accepts it afterwards", async () => {
    const { t, url, send } = fifoQueue();
    const first = send("g", "x", "same");
    t.kernel.advance(299_999);
    const dup = send("g", "x", "same");
    expect(dup.MessageId).toBe(first.MessageId);
    expect(t.attributes(url).ApproximateNumberOfMessages).toBe("1");
    t.kernel.advance(1);
    const later = send("g", "x", "same");
    expect(later.MessageId).not.toBe(first.MessageId);
    expect(t.attributes(url).ApproximateNumberOfMessages).toBe("2");
  });

  it("deduplicates by the body's SHA-256 with content-based deduplication", async () => {
    const { t, url } = fifoQueue({ ContentBasedDeduplication: "true" });
    const send = (body: string) =>
      t.call("SendMessage", { QueueUrl: url, MessageBody: body, MessageGroupId: "g" }).MessageId;
    expect(send("same")).toBe(send("same"));
    expect(send("other")).not.toBe(send("same"));
    const messages = await t.receive(url);
    expect(messages.map((m) => m.Body)).toEqual(["same", "other"]);
    expect(messages[0]?.Attributes?.MessageDeduplicationId).toBe(
      "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5",
    );
  });

  it("deduplicates per group with DeduplicationScope messageGroup", async () => {
    const { t, url, send } = fifoQueue({ DeduplicationScope: "messageGroup" });
    send("a", "x", "same");
    send("b", "x", "same");
    send("a", "x", "same");
    expect(t.attributes(url).ApproximateNumberOfMessages).toBe("2");
  });

  it("requires a group id and a deduplication id, and refuses per-message delays", async () => {
    const { t, url } = fifoQueue();
    const send = (extra: Record<string, unknown>) =>
      codeOf(() => t.call("SendMessage", { QueueUrl: url, MessageBody: "x", ...extra }));
    expect(await send({ MessageDeduplicationId: "d" })).toBe("MissingParameter");
    expect(await send({ MessageGroupId: "g" })).toBe("InvalidParameterValue");
    expect(await send({ MessageGroupId: "g", MessageDeduplicationId: "d", DelaySeconds: 5 })).toBe(
      "InvalidParameterValue",
    );
    expect(await send({ MessageGroupId: "g g", MessageDeduplicationId: "d" })).toBe("InvalidParameterValue");
    expect(await send({ MessageGroupId: "g".repeat(129), MessageDeduplicationId: "d" })).toBe(
      "InvalidParameterValue",
    );
    const std = t.create("Std");
    expect(
      await codeOf(() =>
        t.call("SendMessage", { QueueUrl: std, MessageBody: "x", MessageDeduplicationId: "d" }),
      ),
    ).toBe("InvalidParameterValue");
  });

  it("applies the queue's delay to FIFO messages and keeps the group waiting behind it", async () => {
    const { t, url, send } = fifoQueue({ DelaySeconds: "5" });
    send("g", "x");
    expect(await t.receive(url)).toEqual([]);
    t.kernel.advance(5000);
    expect((await t.receive(url)).map((m) => m.Body)).toEqual(["x"]);
  });

  it("keeps a group blocked while any of its messages is in flight", async () => {
    const { t, url, send } = fifoQueue({ VisibilityTimeout: "10" });
    send("g", "1");
    send("g", "2");
    const [one, two] = await t.receive(url);
    t.call("ChangeMessageVisibility", {
      QueueUrl: url,
      ReceiptHandle: two?.ReceiptHandle,
      VisibilityTimeout: 100,
    });
    expect(one?.Body).toBe("1");
    t.kernel.advance(10_000);
    // "1" is visible again, but "2" is still in flight: nothing from the group.
    expect(await t.receive(url)).toEqual([]);
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: two?.ReceiptHandle });
    expect((await t.receive(url)).map((m) => m.Body)).toEqual(["1"]);
  });
});

import { describe, expect, it } from "vitest";
import { codeOf, errorOf, testSqs } from "./testing/fixtures.ts";

describe("visibility timeout and receipts", () => {
  it("hides a received message for the visibility timeout, then redelivers it with a higher receive count", async () => {
    const t = testSqs();
    const url = t.create("Q", { VisibilityTimeout: "30" });
    const sentAtMs = t.kernel.nowMs();
    const id = t.send(url, "hello");
    t.kernel.advance(1000);
    const [first] = await t.receive(url);
    expect(first).toMatchObject({ MessageId: id, Body: "hello" });
    expect(first?.Attributes).toMatchObject({
      ApproximateReceiveCount: "1",
      SentTimestamp: String(sentAtMs),
      ApproximateFirstReceiveTimestamp: String(sentAtMs + 1000),
      SenderId: "000000000000",
    });
    t.kernel.advance(29_999);
    expect(await t.receive(url)).toEqual([]);
    t.kernel.advance(1);
    const [second] = await t.receive(url);
    expect(second?.Attributes?.ApproximateReceiveCount).toBe("2");
    expect(second?.Attributes?.ApproximateFirstReceiveTimestamp).toBe(String(sentAtMs + 1000));
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    expect(t.sqs.counters().Q).toMatchObject({ received: 2, redelivered: 1 });
  });

  it("uses the receive's VisibilityTimeout override and returns only requested attributes", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.send(url, "a");
    const [m] = await t.receive(url, {
      VisibilityTimeout: 5,
      MessageSystemAttributeNames: ["SentTimestamp"],
    });
    expect(Object.keys(m?.Attributes ?? {})).toEqual(["SentTimestamp"]);
    t.kernel.advance(5000);
    const [again] = await t.receive(url, { MessageSystemAttributeNames: undefined });
    expect(again?.Attributes).toBeUndefined();
  });

  it("deletes with the latest receipt handle; an old one succeeds without deleting on a standard queue", async () => {
    const t = testSqs();
    const url = t.create("Q", { VisibilityTimeout: "1" });
    t.send(url, "a");
    const [first] = await t.receive(url);
    t.kernel.advance(1000);
    const [second] = await t.receive(url);
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: first?.ReceiptHandle });
    t.kernel.advance(1000);
    expect((await t.receive(url)).length).toBe(1);
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: second?.ReceiptHandle });
    expect(
      await codeOf(() => t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: first?.ReceiptHandle })),
    ).toBe("ok");
  });

  it("deletes even after the visibility timeout ended on a standard queue, not on a FIFO queue", async () => {
    const t = testSqs();
    const std = t.create("Q", { VisibilityTimeout: "1" });
    t.send(std, "a");
    const [m] = await t.receive(std);
    t.kernel.advance(2000);
    t.call("DeleteMessage", { QueueUrl: std, ReceiptHandle: m?.ReceiptHandle });
    expect(await t.receive(std)).toEqual([]);
    const fifo = t.create("F.fifo", { VisibilityTimeout: "1" });
    t.send(fifo, "a", { MessageGroupId: "g", MessageDeduplicationId: "d" });
    const [f] = await t.receive(fifo);
    t.kernel.advance(2000);
    const error = await errorOf(() =>
      t.call("DeleteMessage", { QueueUrl: fifo, ReceiptHandle: f?.ReceiptHandle }),
    );
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toMatch(/The receipt handle has expired/);
  });

  it("rejects malformed receipt handles and handles of another queue", async () => {
    const t = testSqs();
    const a = t.create("A");
    const b = t.create("B");
    t.send(a, "x");
    const [m] = await t.receive(a);
    const garbage = await errorOf(() => t.call("DeleteMessage", { QueueUrl: a, ReceiptHandle: "garbage" }));
    expect([garbage.code, garbage.statusCode]).toEqual(["ReceiptHandleIsInvalid", 404]);
    expect(
      await codeOf(() => t.call("DeleteMessage", { QueueUrl: b, ReceiptHandle: m?.ReceiptHandle })),
    ).toBe("ReceiptHandleIsInvalid");
    expect(await codeOf(() => t.call("DeleteMessage", { QueueUrl: a }))).toBe("MissingParameter");
  });

  it("changes visibility: 0 makes the message receivable, 12 hours in total at most", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.send(url, "a");
    const [m] = await t.receive(url);
    const change = (seconds: number, handle = m?.ReceiptHandle) =>
      t.call("ChangeMessageVisibility", { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: seconds });
    t.kernel.advance(10_000);
    expect(await codeOf(() => change(43_200))).toBe("InvalidParameterValue");
    expect(await codeOf(() => change(43_190))).toBe("ok");
    expect(await codeOf(() => change(-1))).toBe("InvalidParameterValue");
    change(0);
    const [again] = await t.receive(url);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe("2");
    expect(await codeOf(() => change(10))).toBe("InvalidParameterValue");
    t.kernel.advance(30_000);
    expect(await codeOf(() => change(10, again?.ReceiptHandle))).toBe("MessageNotInflight");
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: again?.ReceiptHandle });
    expect(await codeOf(() => change(10, again?.ReceiptHandle))).toBe("InvalidParameterValue");
  });

  it("the internal API deletes and changes visibility with the same rules", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.send(url, "a");
    const [m] = await t.sqs.receive(url, { maxMessages: 10, waitTimeSeconds: 0 }, { background: true });
    expect(m?.Attributes?.ApproximateReceiveCount).toBe("1");
    t.sqs.changeVisibility(url, m?.ReceiptHandle ?? "", 0);
    const [again] = await t.sqs.receive(url, { maxMessages: 1, waitTimeSeconds: 0 }, { background: true });
    expect(() => t.sqs.deleteByReceipt(url, "nope")).toThrow(/not a valid receipt handle/);
    t.sqs.deleteByReceipt(url, again?.ReceiptHandle ?? "");
    expect(t.sqs.counters().Q).toMatchObject({ sent: 1, received: 2, deleted: 1 });
    await expect(
      t.sqs.receive(url, { maxMessages: 11, waitTimeSeconds: 0 }, { background: true }),
    ).rejects.toThrow(/MaxNumberOfMessages/);
  });
});

import { describe, expect, it } from "vitest";
import { codeOf, testSqs } from "./testing/fixtures.ts";

describe("the API for other simulated services", () => {
  it("sends as SNS does, with attributes, sender and FIFO group, returning the MessageId", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const arn = t.attributes(url).QueueArn ?? "";
    const id = t.sqs.sendFromService(arn, {
      body: '{"Type":"Notification"}',
      messageAttributes: { kind: { DataType: "String", StringValue: "order" } },
      senderId: "AIDASNSEXAMPLE",
    });
    const [m] = await t.sqs.receive(url, { maxMessages: 1, waitTimeSeconds: 0 }, { background: true });
    expect(m).toMatchObject({ MessageId: id, Body: '{"Type":"Notification"}' });
    expect(m?.MessageAttributes?.kind?.StringValue).toBe("order");
    expect(m?.Attributes?.SenderId).toBe("AIDASNSEXAMPLE");
    const fifo = t.create("F.fifo");
    const fifoArn = t.sqs.queueByArn(t.attributes(fifo).QueueArn ?? "")?.arn ?? "";
    t.sqs.sendFromService(fifoArn, { body: "x", messageGroupId: "g", messageDeduplicationId: "d" });
    const [f] = await t.sqs.receive(fifo, { maxMessages: 1, waitTimeSeconds: 0 }, { background: false });
    expect(f?.Attributes).toMatchObject({ MessageGroupId: "g", MessageDeduplicationId: "d" });
  });

  it("fails with SQS's errors for a missing queue or a bad message", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const arn = t.attributes(url).QueueArn ?? "";
    expect(await codeOf(() => t.sqs.sendFromService(`${arn}-gone`, { body: "x" }))).toBe("QueueDoesNotExist");
    expect(await codeOf(() => t.sqs.sendFromService(arn, { body: "" }))).toBe("InvalidParameterValue");
    expect(
      await codeOf(() =>
        t.sqs.receive(`${url}-gone`, { maxMessages: 1, waitTimeSeconds: 0 }, { background: true }),
      ),
    ).toBe("QueueDoesNotExist");
    expect(t.sqs.queueNames()).toEqual(["Q"]);
  });

  it("remembers the span a message was sent in, for causality links", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.kernel.spanId = "span-send";
    t.send(url, "x");
    t.kernel.spanId = undefined;
    t.send(url, "y");
    const [x, y] = await t.receive(url);
    expect(t.sqs.sentInSpanOf(url, x?.ReceiptHandle ?? "")).toBe("span-send");
    expect(t.sqs.sentInSpanOf(url, y?.ReceiptHandle ?? "")).toBeUndefined();
  });

  it("peeks at a queue's messages without receiving them", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.send(url, "a");
    t.send(url, "b", { DelaySeconds: 5 });
    t.send(url, "c");
    await t.receive(url, { MaxNumberOfMessages: 1 });
    expect(t.sqs.peekMessages("Q")?.map((m) => [m.body, m.state, m.receiveCount])).toEqual([
      ["a", "inFlight", 1],
      ["b", "delayed", 0],
      ["c", "visible", 0],
    ]);
    expect(t.sqs.peekMessages("Nope")).toBeUndefined();
  });
});

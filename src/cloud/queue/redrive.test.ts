import { describe, expect, it } from "vitest";
import { codeOf, testSqs } from "./testing/fixtures.ts";

const policy = (arn: string, maxReceiveCount: number | string) =>
  JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount });

describe("redrive to a dead-letter queue", () => {
  it("moves a message on the receive that would exceed maxReceiveCount", async () => {
    const t = testSqs();
    const dlq = t.create("Orders-dlq");
    const dlqArn = t.attributes(dlq).QueueArn ?? "";
    const url = t.create("Orders", { VisibilityTimeout: "10", RedrivePolicy: policy(dlqArn, 2) });
    const id = t.send(url, "order-1");
    for (const count of ["1", "2"]) {
      const [m] = await t.receive(url);
      expect(m?.Attributes?.ApproximateReceiveCount).toBe(count);
      t.kernel.advance(10_000);
    }
    expect(await t.receive(url)).toEqual([]);
    const [dead] = await t.receive(dlq);
    expect(dead).toMatchObject({ MessageId: id, Body: "order-1" });
    expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe(t.attributes(url).QueueArn);
    expect(t.sqs.counters().Orders?.movedToDeadLetterQueue).toBe(1);
    expect(t.attributes(url).ApproximateNumberOfMessages).toBe("0");
  });

  it("leaves a message that is deleted in time", async () => {
    const t = testSqs();
    const dlq = t.create("D");
    const url = t.create("Q", { RedrivePolicy: policy(t.attributes(dlq).QueueArn ?? "", "1") });
    t.send(url, "a");
    const [m] = await t.receive(url);
    t.call("DeleteMessage", { QueueUrl: url, ReceiptHandle: m?.ReceiptHandle });
    t.kernel.advance(60_000);
    expect(await t.receive(dlq)).toEqual([]);
    expect(t.sqs.counters().Q?.movedToDeadLetterQueue).toBe(0);
  });

  it("validates the policy: JSON, an existing target of the same type, allowed by the target", async () => {
    const t = testSqs();
    const std = t.attributes(t.create("S")).QueueArn ?? "";
    const fifo = t.attributes(t.create("F.fifo")).QueueArn ?? "";
    const closed = t.attributes(t.create("Closed", { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' }))
      .QueueArn as string;
    expect(await codeOf(() => t.create("Q1", { RedrivePolicy: "{" }))).toBe("InvalidParameterValue");
    expect(await codeOf(() => t.create("Q2", { RedrivePolicy: policy(`${std}x`, 3) }))).toBe(
      "InvalidParameterValue",
    );
    expect(await codeOf(() => t.create("Q3", { RedrivePolicy: policy(fifo, 3) }))).toBe(
      "InvalidParameterValue",
    );
    expect(await codeOf(() => t.create("Q4", { RedrivePolicy: policy(std, 0) }))).toBe(
      "InvalidParameterValue",
    );
    expect(await codeOf(() => t.create("Q5", { RedrivePolicy: policy(closed, 3) }))).toBe(
      "InvalidParameterValue",
    );
    const url = t.create("Q6", { RedrivePolicy: policy(std, "3") });
    expect(JSON.parse(t.attributes(url).RedrivePolicy ?? "")).toEqual({
      deadLetterTargetArn: std,
      maxReceiveCount: 3,
    });
    t.call("SetQueueAttributes", { QueueUrl: url, Attributes: { RedrivePolicy: "" } });
    expect(t.attributes(url).RedrivePolicy).toBeUndefined();
  });
});

describe("redrive between FIFO queues", () => {
  it("keeps the group, gives a new sequence number and restarts retention in the DLQ", async () => {
    const t = testSqs();
    const dlq = t.create("D.fifo", { MessageRetentionPeriod: "60" });
    const dlqArn = t.attributes(dlq).QueueArn ?? "";
    const url = t.create("Q.fifo", { VisibilityTimeout: "1", RedrivePolicy: policy(dlqArn, 1) });
    const sent = t.call("SendMessage", {
      QueueUrl: url,
      MessageBody: "x",
      MessageGroupId: "g",
      MessageDeduplicationId: "d",
    });
    t.call("SendMessage", {
      QueueUrl: url,
      MessageBody: "y",
      MessageGroupId: "g",
      MessageDeduplicationId: "e",
    });
    t.kernel.advance(50_000);
    expect((await t.receive(url, { MaxNumberOfMessages: 1 })).map((m) => m.Body)).toEqual(["x"]);
    t.kernel.advance(1000);
    // x goes to the DLQ on this receive; the group moves on to y.
    expect((await t.receive(url, { MaxNumberOfMessages: 1 })).map((m) => m.Body)).toEqual(["y"]);
    t.kernel.advance(30_000);
    const [dead] = await t.receive(dlq, { VisibilityTimeout: 0 });
    expect(dead?.Attributes?.MessageGroupId).toBe("g");
    expect(dead?.Attributes?.SequenceNumber).not.toBe(sent.SequenceNumber);
    t.kernel.advance(30_000);
    expect(await t.receive(dlq)).toEqual([]);
  });
});

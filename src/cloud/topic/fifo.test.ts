import { describe, expect, it } from "vitest";
import { queueArn, testSns } from "./testing/fake-endpoints.ts";

function setup(contentBased = false) {
  const t = testSns();
  const Attributes = { FifoTopic: "true", ContentBasedDeduplication: String(contentBased) };
  const { TopicArn } = t.call("CreateTopic", { Name: "Prices.fifo", Attributes }) as { TopicArn: string };
  t.call("Subscribe", {
    TopicArn,
    Protocol: "sqs",
    Endpoint: queueArn("Q.fifo"),
    Attributes: { RawMessageDelivery: "true" },
  });
  return { ...t, TopicArn };
}

describe("FIFO topics", () => {
  it("requires a group id, and a deduplication id unless content-based deduplication is on", () => {
    const { fail, TopicArn } = setup();
    expect(fail("Publish", { TopicArn, Message: "m" }).message).toBe(
      "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
    );
    expect(fail("Publish", { TopicArn, Message: "m", MessageGroupId: "g" }).message).toContain(
      "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
  });

  it("drops duplicates inside the 5-minute window and returns the first publish's ids", () => {
    const { call, kernel, endpoints, sns, TopicArn } = setup();
    const input = { TopicArn, Message: "m", MessageGroupId: "g", MessageDeduplicationId: "d1" };
    const first = call("Publish", input) as { MessageId: string; SequenceNumber: string };
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    kernel.advance(5 * 60 * 1000 - 1);
    expect(call("Publish", input)).toEqual(first);
    kernel.advance(1);
    const third = call("Publish", input) as { MessageId: string; SequenceNumber: string };
    expect(third.MessageId).not.toBe(first.MessageId);
    expect(BigInt(third.SequenceNumber)).toBeGreaterThan(BigInt(first.SequenceNumber));
    kernel.advance(100);
    expect(endpoints.queue(queueArn("Q.fifo"))).toHaveLength(2);
    expect(sns.counters()).toMatchObject({ messagesPublished: 2, duplicatesSuppressed: 1 });
  });

  it("deduplicates by content hash when content-based deduplication is on", () => {
    const { call, kernel, endpoints, TopicArn } = setup(true);
    call("Publish", { TopicArn, Message: "same", MessageGroupId: "g1" });
    call("Publish", { TopicArn, Message: "same", MessageGroupId: "g2" });
    call("Publish", { TopicArn, Message: "other", MessageGroupId: "g1" });
    kernel.advance(100);
    const delivered = endpoints.queue(queueArn("Q.fifo"));
    expect(delivered.map((d) => d.body)).toEqual(["same", "other"]);
    expect(delivered[0]!.messageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps publish order into the FIFO queue and passes group and deduplication ids", () => {
    const { call, kernel, endpoints, TopicArn } = setup();
    for (let i = 0; i < 30; i++) {
      call("Publish", {
        TopicArn,
        Message: `m${i}`,
        MessageGroupId: `g${i % 3}`,
        MessageDeduplicationId: `d${i}`,
      });
      kernel.advance(1);
    }
    kernel.advance(100);
    const delivered = endpoints.queue(queueArn("Q.fifo"));
    expect(delivered.map((d) => d.body)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
    expect(delivered[4]).toMatchObject({ messageGroupId: "g1", messageDeduplicationId: "d4" });
  });

  it("puts the sequence number in the envelope and no FIFO ids on a standard queue", () => {
    const { call, kernel, endpoints, TopicArn } = setup();
    call("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("Std") });
    const { SequenceNumber } = call("Publish", {
      TopicArn,
      Message: "m",
      MessageGroupId: "g",
      MessageDeduplicationId: "d",
    }) as {
      SequenceNumber: string;
    };
    kernel.advance(100);
    const [delivery] = endpoints.queue(queueArn("Std"));
    expect(delivery!.messageGroupId).toBeUndefined();
    expect(JSON.parse(delivery!.body).SequenceNumber).toBe(SequenceNumber);
  });
});

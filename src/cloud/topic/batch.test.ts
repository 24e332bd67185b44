import { describe, expect, it } from "vitest";
import { queueArn, testSns } from "./testing/fake-endpoints.ts";

function setup() {
  const t = testSns();
  const { TopicArn } = t.call("CreateTopic", { Name: "T" }) as { TopicArn: string };
  t.call("Subscribe", {
    TopicArn,
    Protocol: "sqs",
    Endpoint: queueArn("Q"),
    Attributes: { RawMessageDelivery: "true" },
  });
  return { ...t, TopicArn };
}

const entry = (Id: string, Message = `m-${Id}`) => ({ Id, Message });

describe("PublishBatch", () => {
  it("publishes valid entries and reports each invalid one", () => {
    const { call, kernel, endpoints, TopicArn } = setup();
    const result = call("PublishBatch", {
      TopicArn,
      PublishBatchRequestEntries: [
        entry("a"),
        { Id: "b", Message: "" },
        { Id: "c", Message: "m", MessageAttributes: { n: { DataType: "Number", StringValue: "x" } } },
        entry("d"),
      ],
    }) as { Successful: { Id: string; MessageId: string }[]; Failed: unknown[] };
    expect(result.Successful.map((s) => s.Id)).toEqual(["a", "d"]);
    expect(result.Failed).toEqual([
      { Id: "b", Code: "InvalidParameter", Message: "Invalid parameter: Empty message", SenderFault: true },
      {
        Id: "c",
        Code: "ParameterValueInvalid",
        Message: "Could not cast message attribute 'n' value to number.",
        SenderFault: true,
      },
    ]);
    kernel.advance(100);
    expect(
      endpoints
        .queue(queueArn("Q"))
        .map((d) => d.body)
        .sort(),
    ).toEqual(["m-a", "m-d"]);
  });

  it("fails the whole request on batch-level errors", () => {
    const { fail, TopicArn } = setup();
    const batch = (PublishBatchRequestEntries: unknown[]) =>
      fail("PublishBatch", { TopicArn, PublishBatchRequestEntries });
    expect(batch([]).code).toBe("EmptyBatchRequest");
    expect(batch(Array.from({ length: 11 }, (_, i) => entry(`e${i}`))).code).toBe(
      "TooManyEntriesInBatchRequest",
    );
    expect(batch([entry("a"), entry("a")]).code).toBe("BatchEntryIdsNotDistinct");
    expect(batch([entry("not valid!")]).code).toBe("InvalidBatchEntryId");
    const big = "x".repeat(100 * 1024);
    expect(batch([entry("a", big), entry("b", big), entry("c", big)]).code).toBe("BatchRequestTooLong");
    const withAttribute = {
      ...entry("c", "m"),
      MessageAttributes: { a: { DataType: "String", StringValue: big } },
    };
    expect(batch([entry("a", big), entry("b", big), withAttribute]).code).toBe("BatchRequestTooLong");
    expect(
      fail("PublishBatch", { TopicArn: `${TopicArn}x`, PublishBatchRequestEntries: [entry("a")] }).code,
    ).toBe("NotFound");
  });

  it("gives FIFO entries sequence numbers in order and deduplicates within the batch", () => {
    const { call } = testSns();
    const Attributes = { FifoTopic: "true", ContentBasedDeduplication: "true" };
    const { TopicArn } = call("CreateTopic", { Name: "F.fifo", Attributes }) as { TopicArn: string };
    const result = call("PublishBatch", {
      TopicArn,
      PublishBatchRequestEntries: [
        { Id: "1", Message: "a", MessageGroupId: "g" },
        { Id: "2", Message: "b", MessageGroupId: "g" },
        { Id: "3", Message: "a", MessageGroupId: "g" },
        { Id: "4", Message: "c" },
      ],
    }) as {
      Successful: { Id: string; MessageId: string; SequenceNumber: string }[];
      Failed: { Id: string }[];
    };
    const [one, two, three] = result.Successful;
    expect(BigInt(two!.SequenceNumber)).toBeGreaterThan(BigInt(one!.SequenceNumber));
    expect(three).toEqual({ ...one, Id: "3" });
    expect(result.Failed.map((f) => f.Id)).toEqual(["4"]);
  });
});

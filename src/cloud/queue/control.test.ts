import { describe, expect, it } from "vitest";
import { SquallError } from "../../core/errors.ts";
import { FakeKernel } from "../table/testing/fake-kernel.ts";
import { SqsService } from "./service.ts";
import { codeOf, errorOf, testSqs } from "./testing/fixtures.ts";

describe("queues", () => {
  it("creates queues with SQS's URL and ARN and the documented defaults", () => {
    const t = testSqs({ region: "eu-west-1", accountId: "123456789012" });
    const url = t.create("Orders");
    expect(url).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/Orders");
    const attributes = t.attributes(url);
    expect(attributes).toMatchObject({
      QueueArn: "arn:aws:sqs:eu-west-1:123456789012:Orders",
      VisibilityTimeout: "30",
      MessageRetentionPeriod: "345600",
      MaximumMessageSize: "1048576",
      DelaySeconds: "0",
      ApproximateNumberOfMessages: "0",
      CreatedTimestamp: String(Math.floor(t.kernel.nowMs() / 1000)),
    });
    expect(attributes.FifoQueue).toBeUndefined();
    expect(t.sqs.queueByArn("arn:aws:sqs:eu-west-1:123456789012:Orders")).toMatchObject({ url, fifo: false });
    expect(t.sqs.queueUrlOf("arn:aws:sqs:eu-west-1:123456789012:Nope")).toBeUndefined();
  });

  it("is idempotent with the same attributes and refuses different ones", async () => {
    const t = testSqs();
    const url = t.create("Q", { VisibilityTimeout: "60" });
    expect(t.create("Q", { VisibilityTimeout: "60" })).toBe(url);
    expect(t.create("Q")).toBe(url);
    const error = await errorOf(() => t.create("Q", { VisibilityTimeout: "61" }));
    expect(error.code).toBe("QueueNameExists");
    expect(error.fields.queryErrorCode).toBe("QueueAlreadyExists");
  });

  it("checks names, FIFO flags and attribute values", async () => {
    const t = testSqs();
    expect(await codeOf(() => t.call("CreateQueue", { QueueName: "bad name" }))).toBe(
      "InvalidParameterValue",
    );
    expect(await codeOf(() => t.call("CreateQueue", { QueueName: "x".repeat(81) }))).toBe(
      "InvalidParameterValue",
    );
    expect(await codeOf(() => t.call("CreateQueue", { QueueName: "a.fifo" }))).toBe("InvalidParameterValue");
    expect(
      await codeOf(() => t.call("CreateQueue", { QueueName: "a", Attributes: { FifoQueue: "true" } })),
    ).toBe("InvalidParameterValue");
    expect(await codeOf(() => t.create("a", { VisibilityTimeout: "43201" }))).toBe("InvalidAttributeValue");
    expect(await codeOf(() => t.create("a", { DelaySeconds: "x" }))).toBe("InvalidAttributeValue");
    expect(await codeOf(() => t.create("a", { ContentBasedDeduplication: "true" }))).toBe(
      "InvalidAttributeName",
    );
    expect(await codeOf(() => t.create("a", { QueueArn: "x" }))).toBe("InvalidAttributeName");
    expect(await codeOf(() => t.create("a", { MaximumMessageSize: "1023" }))).toBe("InvalidAttributeValue");
    expect(await codeOf(() => t.create("a", { MessageRetentionPeriod: "59" }))).toBe("InvalidAttributeValue");
  });

  it("resolves, lists, deletes and blocks a deleted name for 60 s", async () => {
    const t = testSqs();
    const a = t.create("alpha");
    t.create("beta");
    t.create("alpine");
    expect(t.call("GetQueueUrl", { QueueName: "beta" }).QueueUrl).toMatch(/\/beta$/);
    expect(await codeOf(() => t.call("GetQueueUrl", { QueueName: "gamma" }))).toBe("QueueDoesNotExist");
    expect(t.call("ListQueues", { QueueNamePrefix: "al" }).QueueUrls).toEqual([
      a,
      a.replace("alpha", "alpine"),
    ]);
    const page = t.call("ListQueues", { MaxResults: 2 });
    expect((page.QueueUrls as string[]).length).toBe(2);
    const rest = t.call("ListQueues", { MaxResults: 2, NextToken: page.NextToken });
    expect(rest.QueueUrls).toEqual([a.replace("alpha", "beta")]);
    expect(rest.NextToken).toBeUndefined();
    t.call("DeleteQueue", { QueueUrl: a });
    expect(await codeOf(() => t.send(a, "x"))).toBe("QueueDoesNotExist");
    expect(await codeOf(() => t.create("alpha"))).toBe("QueueDeletedRecently");
    t.kernel.advance(60_000);
    expect(t.create("alpha")).toBe(a);
  });

  it("reports message counts: visible, in flight, delayed", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.send(url, "a");
    t.send(url, "b");
    t.send(url, "c", { DelaySeconds: 10 });
    await t.receive(url, { MaxNumberOfMessages: 1 });
    const got = t.call("GetQueueAttributes", {
      QueueUrl: url,
      AttributeNames: [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ],
    });
    expect(got.Attributes).toEqual({
      ApproximateNumberOfMessages: "1",
      ApproximateNumberOfMessagesNotVisible: "1",
      ApproximateNumberOfMessagesDelayed: "1",
    });
    expect(
      await codeOf(() => t.call("GetQueueAttributes", { QueueUrl: url, AttributeNames: ["Nope"] })),
    ).toBe("InvalidAttributeName");
    expect(t.call("GetQueueAttributes", { QueueUrl: url })).toEqual({});
  });

  it("sets attributes and refuses to change the queue type", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.kernel.advance(5000);
    t.call("SetQueueAttributes", {
      QueueUrl: url,
      Attributes: { VisibilityTimeout: "5", DelaySeconds: "2" },
    });
    const attributes = t.attributes(url);
    expect(attributes.VisibilityTimeout).toBe("5");
    expect(attributes.LastModifiedTimestamp).toBe(String(Math.floor(t.kernel.nowMs() / 1000)));
    expect(
      await codeOf(() => t.call("SetQueueAttributes", { QueueUrl: url, Attributes: { FifoQueue: "true" } })),
    ).toBe("InvalidAttributeName");
    expect(await codeOf(() => t.call("SetQueueAttributes", { QueueUrl: url }))).toBe("MissingParameter");
  });

  it("purges once per 60 s", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.send(url, "a");
    t.call("PurgeQueue", { QueueUrl: url });
    expect(await t.receive(url)).toEqual([]);
    expect(await codeOf(() => t.call("PurgeQueue", { QueueUrl: url }))).toBe("PurgeQueueInProgress");
    t.kernel.advance(60_000);
    expect(await codeOf(() => t.call("PurgeQueue", { QueueUrl: url }))).toBe("ok");
  });

  it("rejects unmodelled operations and bad options", async () => {
    const t = testSqs();
    expect(await codeOf(() => t.call("StartMessageMoveTask", {}))).toBe("UnsupportedOperation");
    expect(await codeOf(() => t.call("AddPermission", {}))).toBe("UnsupportedOperation");
    const kernel = new FakeKernel();
    expect(() => new SqsService(kernel, { duplicateDeliveryProbability: 1.5 })).toThrow(SquallError);
    expect(() => new SqsService(kernel, { duplicateDeliveryProbability: Number.NaN })).toThrow(SquallError);
    expect(() => new SqsService(kernel, { reorderWindowMs: -1 })).toThrow(SquallError);
    expect(() => new SqsService(kernel, { reorderWindowMs: Number.POSITIVE_INFINITY })).toThrow(
      /SQS fault reorderWindowMs must be a duration in ms ≥ 0, got Infinity/,
    );
    // As in a fault plan: a duration is drawn in whole ms, whatever its fraction.
    expect(() => new SqsService(kernel, { reorderWindowMs: 1.5 })).not.toThrow();
    expect(() => new SqsService(kernel, { accountId: "12" })).toThrow(SquallError);
    expect(() => new SqsService(kernel, { region: "Mars" })).toThrow(SquallError);
  });
});

describe("tags and dead-letter sources", () => {
  it("tags at creation and later, untags, and lists", async () => {
    const t = testSqs();
    const url = t.call("CreateQueue", { QueueName: "Q", tags: { team: "orders" } }).QueueUrl as string;
    t.call("TagQueue", { QueueUrl: url, Tags: { env: "test" } });
    expect(t.call("ListQueueTags", { QueueUrl: url }).Tags).toEqual({ team: "orders", env: "test" });
    t.call("UntagQueue", { QueueUrl: url, TagKeys: ["team", "env"] });
    expect(t.call("ListQueueTags", { QueueUrl: url })).toEqual({});
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(await codeOf(() => t.call("TagQueue", { QueueUrl: url, Tags: many }))).toBe(
      "InvalidParameterValue",
    );
  });

  it("lists the queues that use a queue as their DLQ", () => {
    const t = testSqs();
    const dlq = t.create("D");
    const policy = JSON.stringify({ deadLetterTargetArn: t.attributes(dlq).QueueArn, maxReceiveCount: 3 });
    const b = t.create("B", { RedrivePolicy: policy });
    const a = t.create("A", { RedrivePolicy: policy });
    t.create("C");
    expect(t.call("ListDeadLetterSourceQueues", { QueueUrl: dlq })).toEqual({ queueUrls: [a, b] });
    const page = t.call("ListDeadLetterSourceQueues", { QueueUrl: dlq, MaxResults: 1 });
    expect(page.queueUrls).toEqual([a]);
    const next = t.call("ListDeadLetterSourceQueues", {
      QueueUrl: dlq,
      MaxResults: 1,
      NextToken: page.NextToken,
    });
    expect(next).toEqual({ queueUrls: [b] });
  });
});

import { describe, expect, it } from "vitest";
import { functionArn, queueArn, testSns } from "./testing/fake-endpoints.ts";

function setup() {
  const t = testSns();
  const { TopicArn } = t.call("CreateTopic", { Name: "Stock" }) as { TopicArn: string };
  const subscribe = (Protocol: string, Endpoint: string, Attributes: Record<string, string> = {}) =>
    (t.call("Subscribe", { TopicArn, Protocol, Endpoint, Attributes }) as { SubscriptionArn: string })
      .SubscriptionArn;
  return { ...t, TopicArn, subscribe };
}

describe("Publish fan-out", () => {
  it("delivers asynchronously to every queue and function, one scheduled action each", () => {
    const { call, kernel, endpoints, TopicArn, subscribe } = setup();
    const subs = [
      subscribe("sqs", queueArn("A")),
      subscribe("sqs", queueArn("B")),
      subscribe("lambda", functionArn("f")),
    ];
    const { MessageId } = call("Publish", { TopicArn, Message: "low", Subject: "stock" }) as {
      MessageId: string;
    };
    expect(endpoints.queueMessages).toHaveLength(0);
    expect(kernel.scheduledLabels()).toEqual(["sns.Stock.deliver", "sns.Stock.deliver", "sns.Stock.deliver"]);
    expect(kernel.draws.filter((d) => d.label === "sns.Stock.deliveryDelayMs")).toHaveLength(3);
    kernel.advance(50);
    for (const q of ["A", "B"]) {
      const [delivery] = endpoints.queue(queueArn(q));
      expect(JSON.parse(delivery!.body)).toMatchObject({
        Type: "Notification",
        MessageId,
        TopicArn,
        Message: "low",
        Subject: "stock",
      });
    }
    expect(endpoints.function(functionArn("f"))).toHaveLength(1);
    expect(subs.map((arn) => call("GetSubscriptionAttributes", { SubscriptionArn: arn }))).toHaveLength(3);
  });

  it("draws each delivery's delay from the choice stream, reproducibly", () => {
    const arrivals = () => {
      const { call, kernel, endpoints, TopicArn, subscribe } = setup();
      for (const q of ["A", "B", "C", "D"]) subscribe("sqs", queueArn(q));
      call("Publish", { TopicArn, Message: "m" });
      kernel.advance(50);
      return endpoints.queueMessages.map((m) => `${m.arn}@${m.atMs}`);
    };
    const first = arrivals();
    expect(first).toEqual(arrivals());
    expect(new Set(first.map((a) => a.split("@")[1])).size).toBeGreaterThan(1);
  });

  it("wraps the message in the SNS envelope unless RawMessageDelivery is on", () => {
    const { call, kernel, endpoints, TopicArn, subscribe } = setup();
    subscribe("sqs", queueArn("Env"));
    subscribe("sqs", queueArn("Raw"), { RawMessageDelivery: "true" });
    const MessageAttributes = {
      level: { DataType: "Number", StringValue: "3" },
      tags: { DataType: "String.Array", StringValue: '["a","b"]' },
      blob: { DataType: "Binary", BinaryValue: new Uint8Array([104, 105]) },
    };
    call("Publish", { TopicArn, Message: "m", MessageAttributes });
    kernel.advance(50);
    const envelope = JSON.parse(endpoints.queue(queueArn("Env"))[0]!.body);
    expect(Object.keys(envelope)).toEqual([
      "Type",
      "MessageId",
      "TopicArn",
      "Message",
      "Timestamp",
      "SignatureVersion",
      "Signature",
      "SigningCertURL",
      "UnsubscribeURL",
      "MessageAttributes",
    ]);
    expect(envelope.MessageAttributes).toEqual({
      level: { Type: "Number", Value: "3" },
      tags: { Type: "String.Array", Value: '["a","b"]' },
      blob: { Type: "Binary", Value: "aGk=" },
    });
    expect(envelope.Timestamp).toBe(new Date(kernel.nowMs() - 50).toISOString());
    expect(envelope.UnsubscribeURL).toContain(
      "Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:000000000000:Stock:",
    );
    expect(endpoints.queue(queueArn("Raw"))).toEqual([{ body: "m", messageAttributes: MessageAttributes }]);
  });

  it("invokes functions with the SNSEvent shape", () => {
    const { call, kernel, endpoints, TopicArn, subscribe } = setup();
    const sub = subscribe("lambda", functionArn("f"));
    call("Publish", {
      TopicArn,
      Message: "m",
      MessageAttributes: { k: { DataType: "String", StringValue: "v" } },
    });
    kernel.advance(50);
    const [event] = endpoints.function(functionArn("f"));
    expect(event!.Records).toHaveLength(1);
    const record = event!.Records[0]!;
    expect(record).toMatchObject({ EventSource: "aws:sns", EventVersion: "1.0", EventSubscriptionArn: sub });
    expect(record.Sns).toMatchObject({ Type: "Notification", Message: "m", Subject: null, TopicArn });
    expect(record.Sns.MessageAttributes).toEqual({ k: { Type: "String", Value: "v" } });
    expect(record.Sns.SigningCertUrl).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\//);
  });

  it("forwards a standard topic's MessageGroupId to standard queues only (SQS fair queues)", () => {
    const { call, kernel, endpoints, TopicArn, subscribe } = setup();
    subscribe("sqs", queueArn("Q"));
    subscribe("lambda", functionArn("f"));
    call("Publish", { TopicArn, Message: "m", MessageGroupId: "tenant-1" });
    kernel.advance(50);
    expect(endpoints.queue(queueArn("Q"))[0]).toMatchObject({ messageGroupId: "tenant-1" });
    expect(endpoints.queue(queueArn("Q"))[0]!.messageDeduplicationId).toBeUndefined();
    expect(JSON.stringify(endpoints.function(functionArn("f"))[0])).not.toContain("tenant-1");
  });

  it("sends each protocol its MessageStructure entry", () => {
    const { call, kernel, endpoints, TopicArn, subscribe } = setup();
    subscribe("sqs", queueArn("Q"), { RawMessageDelivery: "true" });
    subscribe("lambda", functionArn("f"));
    call("Publish", {
      TopicArn,
      MessageStructure: "json",
      Message: JSON.stringify({ default: "d", lambda: "l" }),
    });
    kernel.advance(50);
    expect(endpoints.queue(queueArn("Q"))[0]!.body).toBe("d");
    expect(endpoints.function(functionArn("f"))[0]!.Records[0]!.Sns.Message).toBe("l");
  });

  it("filters per subscription and counts deliveries and filtered messages", () => {
    const { call, kernel, sns, TopicArn, subscribe } = setup();
    const low = subscribe("sqs", queueArn("Low"), { FilterPolicy: '{"level": [{"numeric": ["<", 5]}]}' });
    const body = subscribe("lambda", functionArn("f"), {
      FilterPolicyScope: "MessageBody",
      FilterPolicy: '{"sku": [{"prefix": "A-"}]}',
    });
    const publish = (level: string, sku: string) =>
      call("Publish", {
        TopicArn,
        Message: JSON.stringify({ sku }),
        MessageAttributes: { level: { DataType: "Number", StringValue: level } },
      });
    publish("3", "A-1");
    publish("9", "A-2");
    publish("1", "B-1");
    kernel.advance(100);
    expect(sns.counters()).toEqual({
      messagesPublished: 3,
      duplicatesSuppressed: 0,
      messagesFilteredOut: 2,
      deliveries: 4,
      deliveryFailures: 0,
      deliveriesBySubscription: { [low]: 2, [body]: 2 },
      filteredOutBySubscription: { [low]: 1, [body]: 1 },
    });
  });

  it("sends failed deliveries to the subscription's dead-letter queue", () => {
    const { call, kernel, endpoints, sns, TopicArn, subscribe } = setup();
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: queueArn("DLQ") });
    subscribe("lambda", functionArn("gone"), { RedrivePolicy });
    endpoints.missing.add(functionArn("gone"));
    call("Publish", { TopicArn, Message: "m" });
    kernel.advance(50);
    expect(JSON.parse(endpoints.queue(queueArn("DLQ"))[0]!.body).Message).toBe("m");
    expect(sns.counters()).toMatchObject({ deliveries: 0, deliveryFailures: 1 });
  });

  it("does not deliver to a subscription removed before its delivery", () => {
    const { call, kernel, endpoints, TopicArn, subscribe } = setup();
    const sub = subscribe("sqs", queueArn("Q"));
    call("Publish", { TopicArn, Message: "m" });
    call("Unsubscribe", { SubscriptionArn: sub });
    kernel.advance(50);
    expect(endpoints.queueMessages).toHaveLength(0);
  });
});

describe("Publish validation", () => {
  it("rejects bad messages with SNS's errors", () => {
    const { fail, TopicArn } = setup();
    const message = (input: Record<string, unknown>) => fail("Publish", { TopicArn, ...input }).message;
    expect(message({ Message: "" })).toBe("Invalid parameter: Empty message");
    expect(message({ Message: "x".repeat(256 * 1024 + 1) })).toBe("Invalid parameter: Message too long");
    expect(message({ Message: "m", Subject: "line\nbreak" })).toBe("Invalid parameter: Subject");
    expect(message({ Message: "{}", MessageStructure: "json" })).toContain("No default entry");
    expect(message({ Message: "m", MessageStructure: "json" })).toContain("failed to parse");
    expect(message({ Message: "m", MessageDeduplicationId: "d" })).toContain("parameter that is not valid");
    expect(message({ Message: "m", MessageGroupId: "with space" })).toBe("Invalid parameter: MessageGroupId");
    const attribute = (value: Record<string, unknown>) =>
      fail("Publish", { TopicArn, Message: "m", MessageAttributes: { a: value } });
    expect(attribute({ DataType: "Number", StringValue: "abc" }).message).toBe(
      "Could not cast message attribute 'a' value to number.",
    );
    expect(attribute({ DataType: "Number", StringValue: "abc" }).code).toBe("ParameterValueInvalid");
    expect(attribute({ DataType: "Json", StringValue: "{}" }).message).toContain(
      "invalid message attribute type",
    );
    expect(attribute({ DataType: "String", StringValue: "" }).message).toContain("must contain non-empty");
    expect(attribute({ DataType: "String.Array", StringValue: '{"a":1}' }).message).toContain("JSON array");
    expect(
      fail("Publish", {
        TopicArn,
        Message: "m",
        MessageAttributes: { "AWS.x": { DataType: "String", StringValue: "v" } },
      }).message,
    ).toContain("name 'AWS.x' is invalid");
    expect(fail("Publish", { TopicArn: `${TopicArn}-missing`, Message: "m" }).code).toBe("NotFound");
    expect(fail("Publish", { PhoneNumber: "+15555550100", Message: "m" }).message).toContain("not simulated");
  });

  it("counts attributes toward the 256 KiB limit", () => {
    const { call, fail, TopicArn } = setup();
    const half = "x".repeat(128 * 1024);
    const attributes = { a: { DataType: "String", StringValue: half } };
    expect(() =>
      call("Publish", { TopicArn, Message: half.slice(10), MessageAttributes: attributes }),
    ).not.toThrow();
    expect(fail("Publish", { TopicArn, Message: half, MessageAttributes: attributes }).message).toBe(
      "Invalid parameter: Message too long",
    );
  });
});

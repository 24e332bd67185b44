import { describe, expect, it } from "vitest";
import { functionArn, queueArn, testSns } from "./testing/fake-endpoints.ts";

function setup() {
  const t = testSns();
  const { TopicArn } = t.call("CreateTopic", { Name: "T" }) as { TopicArn: string };
  const fifo = t.call("CreateTopic", { Name: "F.fifo", Attributes: { FifoTopic: "true" } }) as {
    TopicArn: string;
  };
  return { ...t, TopicArn, FifoArn: fifo.TopicArn };
}

describe("subscriptions", () => {
  it("subscribes sqs and lambda endpoints, confirmed at once and idempotent", () => {
    const { call, TopicArn } = setup();
    const q = call("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("Q") }) as {
      SubscriptionArn: string;
    };
    expect(q.SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    expect(call("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("Q") })).toEqual(q);
    call("Subscribe", { TopicArn, Protocol: "lambda", Endpoint: functionArn("f") });
    const { Subscriptions } = call("ListSubscriptionsByTopic", { TopicArn }) as {
      Subscriptions: { Protocol: string }[];
    };
    expect(Subscriptions.map((s) => s.Protocol)).toEqual(["sqs", "lambda"]);
    const { Attributes } = call("GetSubscriptionAttributes", q) as { Attributes: Record<string, string> };
    expect(Attributes).toMatchObject({
      PendingConfirmation: "false",
      RawMessageDelivery: "false",
      Endpoint: queueArn("Q"),
    });
  });

  it("rejects protocols it does not simulate, and bad endpoints", () => {
    const { fail, TopicArn } = setup();
    const http = fail("Subscribe", { TopicArn, Protocol: "https", Endpoint: "https://example.com" });
    expect(http.code).toBe("InvalidParameter");
    expect(http.message).toContain('protocol "https" is not simulated');
    expect(fail("Subscribe", { TopicArn, Protocol: "carrier-pigeon", Endpoint: "x" }).message).toBe(
      "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon",
    );
    expect(fail("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: "Q" }).message).toBe(
      "Invalid parameter: SQS endpoint ARN",
    );
    expect(fail("Subscribe", { TopicArn, Protocol: "lambda", Endpoint: queueArn("Q") }).message).toBe(
      "Invalid parameter: Lambda endpoint ARN",
    );
  });

  it("applies AWS's FIFO rules: FIFO topics deliver to queues only, FIFO queues take FIFO topics only", () => {
    const { call, fail, TopicArn, FifoArn } = setup();
    expect(() =>
      call("Subscribe", { TopicArn: FifoArn, Protocol: "sqs", Endpoint: queueArn("Q.fifo") }),
    ).not.toThrow();
    expect(() =>
      call("Subscribe", { TopicArn: FifoArn, Protocol: "sqs", Endpoint: queueArn("Std") }),
    ).not.toThrow();
    expect(
      fail("Subscribe", { TopicArn: FifoArn, Protocol: "lambda", Endpoint: functionArn("f") }).code,
    ).toBe("InvalidParameter");
    expect(fail("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("Q.fifo") }).message).toContain(
      "FIFO SQS Queues can not be subscribed to standard SNS topics",
    );
  });

  it("validates attributes with Subscribe's and SetSubscriptionAttributes's message prefixes", () => {
    const { call, fail, TopicArn } = setup();
    const raw = fail("Subscribe", {
      TopicArn,
      Protocol: "lambda",
      Endpoint: functionArn("f"),
      Attributes: { RawMessageDelivery: "true" },
    });
    expect(raw.message).toBe(
      "Invalid parameter: Attributes Reason: Delivery protocol [lambda] does not support raw message delivery.",
    );
    const policy = fail("Subscribe", {
      TopicArn,
      Protocol: "sqs",
      Endpoint: queueArn("Q"),
      Attributes: { FilterPolicy: '{"a": []}' },
    });
    expect(policy.message).toBe(
      "Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed",
    );
    const sub = call("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("Q") }) as {
      SubscriptionArn: string;
    };
    const set = (AttributeName: string, AttributeValue: string) =>
      fail("SetSubscriptionAttributes", { ...sub, AttributeName, AttributeValue }).message;
    expect(set("FilterPolicy", '{"a": {"b": ["x"]}}')).toBe(
      "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
    );
    expect(set("FilterPolicyScope", "Body")).toContain("FilterPolicyScope: Invalid value [Body]");
    expect(set("RawMessageDelivery", "yes")).toContain("RawMessageDelivery");
    expect(set("DeliveryPolicy", "{}")).toContain("not simulated");
    expect(set("Colour", "red")).toBe("Invalid parameter: AttributeName");
  });

  it("changes the scope of a policy and removes it with an empty FilterPolicy", () => {
    const { call, TopicArn } = setup();
    const sub = call("Subscribe", {
      TopicArn,
      Protocol: "sqs",
      Endpoint: queueArn("Q"),
      Attributes: { FilterPolicy: '{"a": ["x"]}' },
    }) as { SubscriptionArn: string };
    const attributes = () =>
      (call("GetSubscriptionAttributes", sub) as { Attributes: Record<string, string> }).Attributes;
    expect(attributes()).toMatchObject({
      FilterPolicy: '{"a": ["x"]}',
      FilterPolicyScope: "MessageAttributes",
    });
    call("SetSubscriptionAttributes", {
      ...sub,
      AttributeName: "FilterPolicyScope",
      AttributeValue: "MessageBody",
    });
    call("SetSubscriptionAttributes", {
      ...sub,
      AttributeName: "FilterPolicy",
      AttributeValue: '{"a": {"b": ["x"]}}',
    });
    expect(attributes().FilterPolicyScope).toBe("MessageBody");
    call("SetSubscriptionAttributes", { ...sub, AttributeName: "FilterPolicy", AttributeValue: "" });
    expect(attributes().FilterPolicy).toBeUndefined();
  });

  it("refuses a different subscription on the same endpoint, and unsubscribes", () => {
    const { call, fail, TopicArn } = setup();
    const sub = call("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("Q") }) as {
      SubscriptionArn: string;
    };
    const again = fail("Subscribe", {
      TopicArn,
      Protocol: "sqs",
      Endpoint: queueArn("Q"),
      Attributes: { RawMessageDelivery: "true" },
    });
    expect(again.message).toBe(
      "Invalid parameter: Attributes Reason: Subscription already exists with different attributes",
    );
    call("Unsubscribe", sub);
    const gone = fail("Unsubscribe", sub);
    expect([gone.code, gone.message]).toEqual(["NotFound", "Subscription does not exist"]);
  });

  it("enforces 200 filter policies per topic with FilterPolicyLimitExceeded", () => {
    const { call, fail, TopicArn } = setup();
    const Attributes = { FilterPolicy: '{"a": ["x"]}' };
    for (let i = 0; i < 200; i++)
      call("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn(`q${i}`), Attributes });
    const error = fail("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("last"), Attributes });
    expect([error.code, error.statusCode]).toEqual(["FilterPolicyLimitExceeded", 403]);
  });
});

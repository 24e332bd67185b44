import { describe, expect, it } from "vitest";
import { testSns } from "./testing/fake-endpoints.ts";

const ARN = "arn:aws:sns:us-east-1:000000000000";

describe("topics", () => {
  it("creates standard and FIFO topics idempotently", () => {
    const { call, fail } = testSns();
    expect(call("CreateTopic", { Name: "Orders" })).toEqual({ TopicArn: `${ARN}:Orders` });
    expect(call("CreateTopic", { Name: "Orders" })).toEqual({ TopicArn: `${ARN}:Orders` });
    const fifo = {
      Name: "Prices.fifo",
      Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" },
    };
    expect(call("CreateTopic", fifo)).toEqual({ TopicArn: `${ARN}:Prices.fifo` });
    expect(call("CreateTopic", fifo)).toEqual({ TopicArn: `${ARN}:Prices.fifo` });
    const changed = fail("CreateTopic", {
      ...fifo,
      Attributes: { ...fifo.Attributes, ContentBasedDeduplication: "false" },
    });
    expect(changed.code).toBe("InvalidParameter");
    expect(changed.message).toBe(
      "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
    );
    expect(call("ListTopics", {})).toEqual({
      Topics: [{ TopicArn: `${ARN}:Orders` }, { TopicArn: `${ARN}:Prices.fifo` }],
    });
  });

  it("validates names and FIFO attributes", () => {
    const { fail } = testSns();
    expect(fail("CreateTopic", { Name: "bad name" }).message).toBe("Invalid parameter: Topic Name");
    expect(fail("CreateTopic", { Name: "x.fifo" }).message).toBe("Invalid parameter: Topic Name");
    expect(fail("CreateTopic", { Name: "x", Attributes: { FifoTopic: "true" } }).message).toContain(
      "Fifo Topic names must end with .fifo",
    );
    expect(
      fail("CreateTopic", { Name: "x", Attributes: { ContentBasedDeduplication: "true" } }).message,
    ).toContain("only be set for FIFO topics");
    expect(fail("CreateTopic", { Name: "x", Attributes: { Colour: "red" } }).message).toContain(
      "Unknown attribute Colour",
    );
    expect(fail("CreateTopic", {}).message).toBe("Invalid parameter: Name");
  });

  it("gets and sets attributes, and deletes topics with their subscriptions", () => {
    const { call, fail } = testSns();
    const { TopicArn } = call("CreateTopic", { Name: "T", Attributes: { DisplayName: "Tee" } }) as {
      TopicArn: string;
    };
    call("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:000000000000:Q" });
    call("SetTopicAttributes", { TopicArn, AttributeName: "DisplayName", AttributeValue: "New" });
    const { Attributes } = call("GetTopicAttributes", { TopicArn }) as { Attributes: Record<string, string> };
    expect(Attributes).toMatchObject({
      TopicArn,
      Owner: "000000000000",
      DisplayName: "New",
      SubscriptionsConfirmed: "1",
    });
    expect(JSON.parse(Attributes.Policy!).Statement[0].Resource).toBe(TopicArn);
    expect(Attributes.FifoTopic).toBeUndefined();
    expect(
      fail("SetTopicAttributes", { TopicArn, AttributeName: "FifoTopic", AttributeValue: "true" }).code,
    ).toBe("InvalidParameter");
    call("DeleteTopic", { TopicArn });
    call("DeleteTopic", { TopicArn }); // deleting a missing topic is not an error
    expect(call("ListSubscriptions", {})).toEqual({ Subscriptions: [] });
    const missing = fail("GetTopicAttributes", { TopicArn });
    expect([missing.code, missing.statusCode, missing.message]).toEqual([
      "NotFound",
      404,
      "Topic does not exist",
    ]);
    expect(fail("GetTopicAttributes", { TopicArn: "nope" }).message).toBe("Invalid parameter: TopicArn");
  });

  it("pages ListTopics by 100", () => {
    const { call } = testSns();
    for (let i = 0; i < 150; i++) call("CreateTopic", { Name: `t${String(i).padStart(3, "0")}` });
    const first = call("ListTopics", {}) as { Topics: unknown[]; NextToken: string };
    expect(first.Topics).toHaveLength(100);
    const second = call("ListTopics", { NextToken: first.NextToken }) as {
      Topics: unknown[];
      NextToken?: string;
    };
    expect(second.Topics).toHaveLength(50);
    expect(second.NextToken).toBeUndefined();
  });

  it("rejects unknown operations", () => {
    const { fail } = testSns();
    expect(fail("CreatePlatformApplication", {}).code).toBe("InvalidAction");
  });
});

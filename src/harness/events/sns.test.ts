import type { SNSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { eventBridgeEvent } from "./eventbridge.ts";
import { sequentialIds } from "./options.ts";
import { snsEvent } from "./sns.ts";

const nowMs = Date.UTC(2026, 0, 15, 10, 30, 0, 123);

describe("snsEvent", () => {
  it("builds a notification in the shape Lambda receives from an SNS subscription", () => {
    // Written from the field list of the SNS example event in the Lambda developer guide.
    const topicArn = "arn:aws:sns:us-east-1:123456789012:squall-topic";
    const expected: SNSEvent = {
      Records: [
        {
          EventSource: "aws:sns",
          EventVersion: "1.0",
          EventSubscriptionArn: `${topicArn}:00000000-0000-4000-8000-000000000001`,
          Sns: {
            Type: "Notification",
            MessageId: "00000000-0000-4000-8000-000000000002",
            TopicArn: topicArn,
            Subject: "TestInvoke",
            Message: "Hello from SNS!",
            Timestamp: "2026-01-15T10:30:00.123Z",
            SignatureVersion: "1",
            Signature: expect.stringMatching(/^[A-Za-z0-9+/]{300,}$/),
            SigningCertUrl: expect.stringMatching(
              /^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-[A-Za-z0-9]{32}\.pem$/,
            ),
            UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:00000000-0000-4000-8000-000000000001`,
            MessageAttributes: {
              Test: { Type: "String", Value: "TestString" },
              TestBinary: { Type: "Binary", Value: "TestBinary" },
            },
          },
        },
      ],
    };
    const event = snsEvent(
      [
        {
          Subject: "TestInvoke",
          MessageAttributes: { Test: "TestString", TestBinary: { Type: "Binary", Value: "TestBinary" } },
        },
      ],
      { ids: sequentialIds(), nowMs: () => nowMs },
    );
    expect(event).toStrictEqual(expected);
  });

  it("JSON-encodes object messages, numbers and string arrays", () => {
    const [record] = snsEvent([
      { Message: { sku: "A1" }, MessageAttributes: { qty: 3, tags: ["a", "b"] } },
    ]).Records;
    expect(record?.Sns.Message).toBe('{"sku":"A1"}');
    expect(record?.Sns.MessageAttributes).toStrictEqual({
      qty: { Type: "Number", Value: "3" },
      tags: { Type: "String.Array", Value: '["a","b"]' },
    });
    expect(record?.Sns).not.toHaveProperty("Subject");
  });

  it("lets fields given by the test win", () => {
    const [record] = snsEvent([{ Message: "x", MessageId: "m-1", Type: "Notification" }], {
      topicName: "StockEvents",
      region: "eu-west-1",
    }).Records;
    expect(record?.Sns.MessageId).toBe("m-1");
    expect(record?.Sns.TopicArn).toBe("arn:aws:sns:eu-west-1:123456789012:StockEvents");
  });
});

describe("eventBridgeEvent", () => {
  it("builds the envelope a rule target receives", () => {
    const event = eventBridgeEvent(
      "StockChanged",
      { sku: "A1", qty: 2 },
      { ids: sequentialIds(), nowMs: () => nowMs, source: "inventory" },
    );
    expect(event).toStrictEqual({
      version: "0",
      id: "00000000-0000-4000-8000-000000000001",
      "detail-type": "StockChanged",
      source: "inventory",
      account: "123456789012",
      time: "2026-01-15T10:30:00Z",
      region: "us-east-1",
      resources: [],
      detail: { sku: "A1", qty: 2 },
    });
  });

  it("keeps the detail type and detail typed, and lets overrides win", () => {
    const event = eventBridgeEvent("OrderPlaced", { orderId: "o-1" }, { resources: ["arn:x"], time: "t" });
    const orderId: string = event.detail.orderId;
    expect(orderId).toBe("o-1");
    expect(event.resources).toStrictEqual(["arn:x"]);
    expect(event.time).toBe("t");
  });
});

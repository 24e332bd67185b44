import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { md5OfAttributes } from "../../cloud/queue/message-attributes.ts";
import { sequentialIds } from "./options.ts";
import { sqsEvent } from "./sqs.ts";
import { md5OfMessageAttributes, sqsMessageAttributes } from "./sqs-attributes.ts";

const nowMs = Date.UTC(2026, 0, 15, 10, 30, 0, 123);
const fixed = { ids: sequentialIds(), nowMs: () => nowMs };

describe("sqsEvent", () => {
  it("builds a record in the shape Lambda delivers from a standard queue", () => {
    // Written from the field list of the SQS example event in the Lambda developer guide.
    const expected: SQSEvent = {
      Records: [
        {
          messageId: "00000000-0000-4000-8000-000000000001",
          receiptHandle: expect.stringMatching(/^AQEB[A-Za-z0-9+/]{100,}$/),
          body: "hello",
          attributes: {
            ApproximateReceiveCount: "1",
            SentTimestamp: String(nowMs),
            SenderId: expect.any(String),
            ApproximateFirstReceiveTimestamp: String(nowMs),
          },
          messageAttributes: {},
          md5OfBody: "5d41402abc4b2a76b9719d911017c592",
          eventSource: "aws:sqs",
          eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:squall-queue",
          awsRegion: "us-east-1",
        },
      ],
    };
    const event = sqsEvent(["hello"], { ...fixed, ids: sequentialIds() });
    expect(event).toStrictEqual(expected);
  });

  it("uses uuid-shaped ids from crypto.randomUUID by default", () => {
    const [a, b] = sqsEvent(["a", "b"]).Records;
    expect(a?.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a?.messageId).not.toBe(b?.messageId);
  });

  it("JSON-stringifies object bodies and hashes the text", () => {
    const [record] = sqsEvent([{ body: { orderId: "o-1" } }], fixed).Records;
    expect(record?.body).toBe('{"orderId":"o-1"}');
    expect(record?.md5OfBody).toBe("d43159842a6911108856bdc9a0a71621");
  });

  it("lets record fields and attributes given by the test win over the defaults", () => {
    const [record] = sqsEvent(
      [{ body: "x", messageId: "m-1", awsRegion: "eu-west-1", attributes: { ApproximateReceiveCount: "3" } }],
      { ...fixed, queueName: "orders", region: "eu-west-1", accountId: "111122223333" },
    ).Records;
    expect(record?.messageId).toBe("m-1");
    expect(record?.attributes.ApproximateReceiveCount).toBe("3");
    expect(record?.eventSourceARN).toBe("arn:aws:sqs:eu-west-1:111122223333:orders");
  });

  it("writes message attributes in Lambda's lower-camel form with their MD5", () => {
    const [record] = sqsEvent([{ body: "x", messageAttributes: { tenant: "acme", qty: 3 } }], fixed).Records;
    expect(record?.messageAttributes).toStrictEqual({
      tenant: { stringValue: "acme", stringListValues: [], binaryListValues: [], dataType: "String" },
      qty: { stringValue: "3", stringListValues: [], binaryListValues: [], dataType: "Number" },
    });
    const simulated = md5OfAttributes({
      tenant: { DataType: "String", StringValue: "acme" },
      qty: { DataType: "Number", StringValue: "3" },
    });
    expect(record?.md5OfMessageAttributes).toBe(simulated);
  });

  it("hashes binary attributes over their decoded bytes", () => {
    const attributes = sqsMessageAttributes({ blob: Uint8Array.of(1, 2, 3) });
    expect(attributes.blob?.binaryValue).toBe("AQID");
    const simulated = md5OfAttributes({ blob: { DataType: "Binary", BinaryValue: Uint8Array.of(1, 2, 3) } });
    expect(md5OfMessageAttributes(attributes)).toBe(simulated);
  });

  it("rejects an attribute without a value", () => {
    expect(() => sqsEvent([{ messageAttributes: { a: { dataType: "String" } } }])).toThrow(
      /message attribute "a" has neither stringValue nor binaryValue/,
    );
  });

  it("adds FIFO attributes with increasing sequence numbers and content-based deduplication", () => {
    const event = sqsEvent(["a", "b"], { ...fixed, fifo: true, messageGroupId: "sku#A1" });
    const [a, b] = event.Records;
    expect(a?.eventSourceARN).toMatch(/squall-queue\.fifo$/);
    expect(a?.attributes.MessageGroupId).toBe("sku#A1");
    expect(a?.attributes.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(a?.attributes.MessageDeduplicationId).not.toBe(b?.attributes.MessageDeduplicationId);
    expect(a?.attributes.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(b?.attributes.SequenceNumber ?? "0")).toBeGreaterThan(
      BigInt(a?.attributes.SequenceNumber ?? "0"),
    );
  });

  it("rejects a FIFO flag that disagrees with the queue name", () => {
    expect(() => sqsEvent(["a"], { fifo: true, queueName: "orders" })).toThrow(/is marked fifo but its name/);
    expect(() => sqsEvent(["a"], { fifo: false, queueName: "orders.fifo" })).toThrow(/is not marked fifo/);
    expect(sqsEvent(["a"], { queueName: "orders.fifo" }).Records[0]?.attributes.MessageGroupId).toBe(
      "default",
    );
  });

  it("leaves FIFO attributes out of standard-queue records", () => {
    const [record] = sqsEvent(["a"], fixed).Records;
    expect(record?.attributes).not.toHaveProperty("MessageGroupId");
    expect(record?.attributes).not.toHaveProperty("SequenceNumber");
  });
});

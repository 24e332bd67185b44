import { describe, expect, it } from "vitest";
import { toSqsRecord } from "./sqs-event.ts";

describe("toSqsRecord", () => {
  it("puts binary attributes in base64 and keeps FIFO attributes", () => {
    const record = toSqsRecord(
      {
        MessageId: "m-1",
        ReceiptHandle: "r",
        Body: "x",
        MD5OfBody: "md5",
        MD5OfMessageAttributes: "md5-attrs",
        Attributes: {
          ApproximateReceiveCount: "2",
          MessageGroupId: "g",
          SequenceNumber: "18",
          AWSTraceHeader: "Root=1-abc",
        },
        MessageAttributes: { raw: { DataType: "Binary", BinaryValue: Uint8Array.from([1, 2, 3]) } },
      },
      "arn:aws:sqs:eu-west-1:123456789012:Q.fifo",
      "eu-west-1",
    );
    expect(record).toEqual({
      messageId: "m-1",
      receiptHandle: "r",
      body: "x",
      attributes: {
        AWSTraceHeader: "Root=1-abc",
        ApproximateReceiveCount: "2",
        SequenceNumber: "18",
        MessageGroupId: "g",
      },
      messageAttributes: {
        raw: { binaryValue: "AQID", stringListValues: [], binaryListValues: [], dataType: "Binary" },
      },
      md5OfBody: "md5",
      md5OfMessageAttributes: "md5-attrs",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:Q.fifo",
      awsRegion: "eu-west-1",
    });
  });
});

import type { DynamoDBStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { dynamodbStreamEvent } from "./dynamodb-stream.ts";
import { sequentialIds } from "./options.ts";
import { toStreamImage } from "./stream-image.ts";

const nowMs = Date.UTC(2026, 0, 15, 10, 30, 0, 123);
const fixed = { ids: sequentialIds(), nowMs: () => nowMs };

describe("dynamodbStreamEvent", () => {
  it("builds a MODIFY record in the shape Lambda delivers from a stream", () => {
    // Written from the field list of the DynamoDB Streams example event in the Lambda developer
    // guide; SizeBytes 27 is what DynamoDB reports for these keys and images.
    const expected: DynamoDBStreamEvent = {
      Records: [
        {
          eventID: "00000000000040008000000000000001",
          eventName: "MODIFY",
          eventVersion: "1.1",
          eventSource: "aws:dynamodb",
          awsRegion: "us-east-1",
          dynamodb: {
            ApproximateCreationDateTime: 1768473000,
            Keys: { id: { S: "1" } },
            NewImage: { id: { S: "1" }, key: { S: "updated" } },
            OldImage: { id: { S: "1" }, key: { S: "value" } },
            SequenceNumber: "000000000000000000001",
            SizeBytes: 27,
            StreamViewType: "NEW_AND_OLD_IMAGES",
          },
          eventSourceARN:
            "arn:aws:dynamodb:us-east-1:123456789012:table/squall-table/stream/2026-01-15T10:30:00.123",
        },
      ],
    };
    const event = dynamodbStreamEvent(
      [{ keys: { id: "1" }, newImage: { id: "1", key: "updated" }, oldImage: { id: "1", key: "value" } }],
      { ...fixed, ids: sequentialIds() },
    );
    expect(event).toStrictEqual(expected);
  });

  it("marshals plain objects into AttributeValues, binary as base64", () => {
    const image = toStreamImage({
      s: "x",
      n: 5,
      b: true,
      z: null,
      bin: Uint8Array.of(0, 1, 42, 65),
      tags: new Set(["a", "b"]),
      list: [1, "two"],
      map: { inner: { deep: 1.5 } },
      gone: undefined,
    });
    expect(image).toStrictEqual({
      s: { S: "x" },
      n: { N: "5" },
      b: { BOOL: true },
      z: { NULL: true },
      bin: { B: "AAEqQQ==" },
      tags: { SS: ["a", "b"] },
      list: { L: [{ N: "1" }, { S: "two" }] },
      map: { M: { inner: { M: { deep: { N: "1.5" } } } } },
    });
  });

  it("infers eventName from the images and numbers records in order", () => {
    const event = dynamodbStreamEvent(
      [
        { keys: { pk: "a" }, newImage: { pk: "a", qty: 1 } },
        { keys: { pk: "a" }, newImage: { pk: "a", qty: 2 }, oldImage: { pk: "a", qty: 1 } },
        { keys: { pk: "a" }, oldImage: { pk: "a", qty: 2 } },
      ],
      { ...fixed, firstSequenceNumber: 41n },
    );
    expect(event.Records.map((r) => r.eventName)).toStrictEqual(["INSERT", "MODIFY", "REMOVE"]);
    expect(event.Records.map((r) => r.dynamodb?.SequenceNumber)).toStrictEqual([
      "000000000000000000041",
      "000000000000000000042",
      "000000000000000000043",
    ]);
    expect(event.Records[0]?.dynamodb).not.toHaveProperty("OldImage");
  });

  it("counts number sizes by significant digits (26 bytes for the guide's INSERT)", () => {
    const [record] = dynamodbStreamEvent([
      { keys: { Id: 101 }, newImage: { Message: "New item!", Id: 101 } },
    ]).Records;
    expect(record?.dynamodb?.SizeBytes).toBe(26);
    expect(record?.dynamodb?.StreamViewType).toBe("NEW_IMAGE");
  });

  it("infers one view type for the batch and keeps only the images it carries", () => {
    const keysOnly = dynamodbStreamEvent([{ eventName: "MODIFY", keys: { pk: "a" } }]);
    expect(keysOnly.Records[0]?.dynamodb?.StreamViewType).toBe("KEYS_ONLY");
    const narrowed = dynamodbStreamEvent(
      [{ keys: { pk: "a" }, newImage: { pk: "a" }, oldImage: { pk: "a" } }],
      { streamViewType: "NEW_IMAGE" },
    );
    expect(narrowed.Records[0]?.dynamodb).toHaveProperty("NewImage");
    expect(narrowed.Records[0]?.dynamodb).not.toHaveProperty("OldImage");
  });

  it("marks TTL deletions with the DynamoDB service identity", () => {
    const [ttl, user] = dynamodbStreamEvent([
      { keys: { pk: "a" }, oldImage: { pk: "a" }, ttlExpired: true },
      { keys: { pk: "b" }, oldImage: { pk: "b" } },
    ]).Records;
    expect(ttl?.userIdentity).toStrictEqual({ type: "Service", principalId: "dynamodb.amazonaws.com" });
    expect(user).not.toHaveProperty("userIdentity");
  });

  it("rejects changes it cannot name or TTL flags on non-deletions", () => {
    expect(() => dynamodbStreamEvent([{ keys: { pk: "a" } }])).toThrow(/change #0 .*Give eventName/);
    expect(() =>
      dynamodbStreamEvent([{ keys: { pk: "a" }, newImage: { pk: "a" }, ttlExpired: true }]),
    ).toThrow(/ttlExpired but is a INSERT/);
  });

  it("lets options win", () => {
    const [record] = dynamodbStreamEvent([{ keys: { pk: "a" }, newImage: { pk: "a" } }], {
      tableName: "Inventory",
      region: "eu-west-1",
    }).Records;
    expect(record?.eventSourceARN).toMatch(
      /^arn:aws:dynamodb:eu-west-1:123456789012:table\/Inventory\/stream\//,
    );
    expect(record?.awsRegion).toBe("eu-west-1");
  });
});

import { describe, expect, it } from "vitest";
import { toLambdaRecord } from "./lambda-event.ts";
import { StreamStore } from "./store.ts";
import { ManualKernel } from "./testing.ts";

describe("toLambdaRecord", () => {
  it("gives the record in Lambda's event shape: epoch seconds, base64 binary, source ARN, lower-case identity", () => {
    const kernel = new ManualKernel({ nowMs: Date.UTC(2026, 0, 1, 0, 0, 5, 250) });
    const store = new StreamStore({ kernel });
    const arn = store.enableStream("T", "NEW_AND_OLD_IMAGES", kernel.nowMs(), [
      { AttributeName: "pk", KeyType: "HASH" },
    ]);
    const oldImage = {
      pk: { S: "a" },
      blob: { B: new Uint8Array([104, 105]) },
      tags: { BS: [new Uint8Array([1])] },
    };
    store.onChange({
      tableName: "T",
      keys: { pk: { S: "a" } },
      oldImage,
      removedByService: true,
      atMs: kernel.nowMs(),
    });
    const [stored] = store.readShard(arn, store.stream(arn)!.shards[0]!.shardId, undefined, 1).records;
    const event = toLambdaRecord(stored!);
    expect(event).toMatchObject({
      eventName: "REMOVE",
      eventSource: "aws:dynamodb",
      eventSourceARN: arn,
      userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" },
      dynamodb: {
        ApproximateCreationDateTime: Date.UTC(2026, 0, 1, 0, 0, 5) / 1000,
        Keys: { pk: { S: "a" } },
        OldImage: { pk: { S: "a" }, blob: { B: "aGk=" }, tags: { BS: ["AQ=="] } },
        SequenceNumber: "000000000000000000001",
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
    });
    expect(event.dynamodb?.NewImage).toBeUndefined();
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });
});

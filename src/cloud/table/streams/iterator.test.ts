import { describe, expect, it } from "vitest";
import { decodeIterator, encodeIterator, ITERATOR_LIFETIME_MS } from "./iterator.ts";

const streamArn = "arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026-01-01T00:00:00.000";
const position = {
  streamArn,
  shardId: "shardId-00000001767225600000-0a1b2c3d",
  fromSequence: 42,
  issuedAtMs: 1_767_225_600_000,
};

describe("shard iterators", () => {
  it("use DynamoDB Local's layout and round-trip", () => {
    const iterator = encodeIterator(position);
    expect(iterator.startsWith(`${streamArn}|001|`)).toBe(true);
    const inner = Buffer.from(iterator.split("|")[2]!, "base64").toString("utf8");
    expect(inner).toBe(
      "shardId-00000001767225600000-0a1b2c3d|000000000000000000042|000000000000000001767225600000",
    );
    expect(decodeIterator(iterator, position.issuedAtMs + ITERATOR_LIFETIME_MS)).toEqual(position);
  });

  it("reject garbage and expire after 15 minutes", () => {
    for (const bad of [
      "",
      "x",
      `${streamArn}|002|AAAA`,
      `${streamArn}|001|${Buffer.from("a|b").toString("base64")}`,
    ]) {
      expect(() => decodeIterator(bad, 0)).toThrow(
        expect.objectContaining({ code: "ValidationException", message: "Invalid ShardIterator" }),
      );
    }
    const error = (() => {
      try {
        decodeIterator(encodeIterator(position), position.issuedAtMs + ITERATOR_LIFETIME_MS + 1);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toMatchObject({
      code: "ExpiredIteratorException",
      message:
        "Iterator expired. The iterator was created at time Thu Jan 01 00:00:00 UTC 2026 while right now it is Thu Jan 01 00:15:00 UTC 2026 which is further in the future than the tolerated delay of 900000 milliseconds.",
    });
  });
});

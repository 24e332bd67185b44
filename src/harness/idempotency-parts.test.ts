import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import { sequentialIds } from "./events/options.ts";
import { sqsEvent } from "./events/sqs.ts";
import { IdempotencyAssertionError } from "./idempotency-assertion-error.ts";
import { cacheKeys, checkCacheRecords, resolveCache } from "./idempotency-cache.ts";
import { receiveCounter, redelivered, rejected } from "./idempotency-delivery.ts";
import { sideBySide } from "./idempotency-side-by-side.ts";
import { reservationsApp } from "./testing/idempotency/app.ts";

const twoMessages = () => sqsEvent(["a", "b"], { ids: sequentialIds(), nowMs: () => 1_000 });

describe("redelivering an SQS message", () => {
  it("keeps the message id and body, counts the receive and issues a new receipt handle", () => {
    const event = twoMessages();
    const again = redelivered(event, 2) as SQSEvent;
    expect(again.Records.map((r) => [r.messageId, r.body, r.attributes.ApproximateReceiveCount])).toEqual([
      [event.Records[0]?.messageId, "a", "2"],
      [event.Records[1]?.messageId, "b", "2"],
    ]);
    expect(again.Records[0]?.receiptHandle).not.toBe(event.Records[0]?.receiptHandle);
    expect(again.Records[0]?.attributes.SentTimestamp).toBe("1000");
  });

  it("redelivers only what a partial batch response names, and leaves other events alone", () => {
    const event = twoMessages();
    const second = event.Records[1]?.messageId as string;
    const result = { requestId: "r", payload: { batchItemFailures: [{ itemIdentifier: second }] } };
    const which = rejected(result, event);
    expect(which).toEqual(new Set([second]));
    const again = redelivered(event, 3, which as Set<string>) as SQSEvent;
    expect(again.Records.map((r) => r.messageId)).toEqual([second]);
    expect(redelivered({ orderId: "o" }, 2)).toEqual({ orderId: "o" });
    expect(rejected({ requestId: "r", payload: {}, error: "Unhandled" }, event)).toBe("all");
    expect(rejected({ requestId: "r", payload: { batchItemFailures: [] } }, event)).toBeUndefined();
  });

  it("counts receives on from the event's own receive count", () => {
    const next = receiveCounter(sqsEvent(["a"], { approximateReceiveCount: 4, ids: sequentialIds() }));
    expect([next(), next()]).toEqual([5, 6]);
  });
});

describe("sideBySide", () => {
  it("marks the lines that differ and shows a function error", () => {
    const text = sideBySide("first", { requestId: "1", payload: { id: "a", n: 1 } }, "second", {
      requestId: "2",
      payload: { id: "a", n: 2 },
      error: "Unhandled",
    });
    expect(text.split("\n")).toEqual([
      "  first        │ second (FunctionError: Unhandled)",
      "  {            │ {",
      '    "id": "a", │   "id": "a",',
      '    "n": 1     ≠   "n": 2',
      "  }            │ }",
    ]);
  });
});

describe("the cache check", () => {
  it("accepts new records with a future expiry in seconds, and refuses milliseconds, none, or the past", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 1 });
    const cache = resolveCache(cloud, { table: "Idempotency" });
    const nowSeconds = Math.floor(cloud.nowMs() / 1000);
    await cloud.putItem("Idempotency", { id: "old", expiration: 1 });
    const before = await cacheKeys(cloud, cache);
    const check = () => checkCacheRecords(cloud, "fn", cache, before);
    await expect(check()).rejects.toThrow(/no record was written to the cache table "Idempotency"/);
    await cloud.putItem("Idempotency", { id: "k", expiration: nowSeconds + 3600 });
    await expect(check()).resolves.toEqual([{ id: "k", expiration: nowSeconds + 3600 }]);
    await cloud.putItem("Idempotency", { id: "k", expiration: cloud.nowMs() + 3_600_000 });
    await expect(check()).rejects.toThrow(/cache record \{"id":"k"\} .* looks like epoch milliseconds/);
    await cloud.putItem("Idempotency", { id: "k", expiration: nowSeconds - 1 });
    await expect(check()).rejects.toThrow(/not after now/);
    await cloud.putItem("Idempotency", { id: "k", expiration: "soon" });
    const error = await check().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyAssertionError);
    expect((error as Error).message).toMatch(/has no Number attribute "expiration" \(found "soon"\)/);
    expect(() => resolveCache(cloud, { table: "Nope" })).toThrow(/cache.table "Nope" is not a table of app/);
  });
});

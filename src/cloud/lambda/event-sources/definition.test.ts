import { describe, expect, it } from "vitest";
import { SquallError } from "../../../core/errors.ts";
import { type EventSourceMappingDefinition, resolveDefinition } from "./definition.ts";

const QUEUE = "arn:aws:sqs:us-east-1:123456789012:Orders";
const STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/Inventory/stream/2025-01-01T00:00:00.000";

const resolve = (extra: Partial<EventSourceMappingDefinition>, arn = QUEUE) =>
  resolveDefinition({ functionName: "f", eventSourceArn: arn, ...extra });

describe("resolveDefinition", () => {
  it("fills in AWS's defaults per source", () => {
    expect(resolve({})).toMatchObject({
      kind: "sqs",
      batchSize: 10,
      batchingWindowMs: 0,
      enabled: true,
      name: "f:Orders",
    });
    expect(resolve({ startingPosition: "LATEST" }, STREAM)).toMatchObject({
      kind: "dynamodb-stream",
      batchSize: 100,
      maximumRetryAttempts: -1,
      maximumRecordAgeMs: -1,
      bisectBatchOnFunctionError: false,
    });
  });

  it.each<[string, Partial<EventSourceMappingDefinition>, string, RegExp]>([
    [
      "a batch above 10 without a window",
      { batchSize: 11 },
      QUEUE,
      /batchSize is 11; above 10 set maximumBatchingWindowInSeconds/,
    ],
    ["a batch of 0", { batchSize: 0 }, QUEUE, /batchSize is 0; use an integer 1..10000/],
    [
      "a window above 300 s",
      { maximumBatchingWindowInSeconds: 301 },
      QUEUE,
      /maximumBatchingWindowInSeconds is 301/,
    ],
    [
      "maximum concurrency 1",
      { scalingConfig: { maximumConcurrency: 1 } },
      QUEUE,
      /maximumConcurrency is 1; use an integer 2..1000/,
    ],
    [
      "a stream field on a queue",
      { bisectBatchOnFunctionError: true },
      QUEUE,
      /bisectBatchOnFunctionError applies to stream sources only/,
    ],
    ["no starting position", {}, STREAM, /startingPosition is undefined; streams need/],
    [
      "retries beyond 10,000",
      { startingPosition: "LATEST", maximumRetryAttempts: 10_001 },
      STREAM,
      /maximumRetryAttempts is 10001/,
    ],
    [
      "a record age below 60 s",
      { startingPosition: "LATEST", maximumRecordAgeInSeconds: 59 },
      STREAM,
      /maximumRecordAgeInSeconds is 59/,
    ],
    [
      "a parallelization factor",
      { startingPosition: "LATEST", parallelizationFactor: 2 },
      STREAM,
      /parallelizationFactor is 2; .* only 1/,
    ],
    [
      "an unknown ARN",
      {},
      "arn:aws:kinesis:us-east-1:1:stream/x",
      /eventSourceArn .* neither an SQS queue ARN nor a DynamoDB stream ARN/,
    ],
  ])("rejects %s with a SquallError naming mapping, field and fix", (_, extra, arn, message) => {
    expect(() => resolve(extra, arn)).toThrow(SquallError);
    expect(() => resolve(extra, arn)).toThrow(message);
    expect(() => resolve(extra, arn)).toThrow(/^event source mapping f:/);
  });

  it("accepts the edges of the documented ranges", () => {
    expect(resolve({ batchSize: 10_000, maximumBatchingWindowInSeconds: 300 }).batchSize).toBe(10_000);
    const stream = resolve(
      { startingPosition: "TRIM_HORIZON", maximumRetryAttempts: 0, maximumRecordAgeInSeconds: 604_800 },
      STREAM,
    );
    expect(stream).toMatchObject({ maximumRetryAttempts: 0, maximumRecordAgeMs: 604_800_000 });
  });
});

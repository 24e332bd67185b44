import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import { StreamStore } from "../../table/streams/store.ts";
import type { InvokeOutcome } from "../invoker.ts";
import type { EventSourceMappingDefinition } from "./definition.ts";
import { createEventSourceMapping } from "./factory.ts";
import { streamPortOf } from "./stream-port.ts";
import { failed, ok, ScriptedInvoker, throttled } from "./testing/scripted-invoker.ts";

let sim: Simulation | undefined;
afterEach(() => sim?.dispose());

/** The `n` of every record of an event. */
const numbers = (event: DynamoDBStreamEvent) => event.Records.map((r) => Number(r.dynamodb?.NewImage?.n?.N));

function world(
  script: (event: DynamoDBStreamEvent, call: number) => InvokeOutcome,
  definition: Partial<EventSourceMappingDefinition> = {},
  shardCount = 1,
) {
  sim = createSimulation({ seed: 1 });
  const kernel = sim;
  const store = new StreamStore({ kernel, shardCount });
  const arn = store.enableStream("Inventory", "NEW_IMAGE", kernel.nowMs(), [
    { AttributeName: "pk", KeyType: "HASH" },
  ]);
  const streams = streamPortOf(store);
  const put = (n: number, spanId?: string, pk = "sku") =>
    store.onChange({
      tableName: "Inventory",
      keys: { pk: { S: pk } },
      newImage: { pk: { S: pk }, n: { N: String(n) } },
      atMs: kernel.nowMs(),
      ...(spanId === undefined ? {} : { causeSpanId: spanId }),
    });
  const invoker = new ScriptedInvoker(kernel, (request, call) =>
    script(request.event as DynamoDBStreamEvent, call),
  );
  const destination: object[] = [];
  const mapping = createEventSourceMapping(
    kernel,
    invoker,
    { functionName: "publish", eventSourceArn: arn, startingPosition: "TRIM_HORIZON", ...definition },
    { streams, onFailure: (record) => destination.push(record) },
  );
  const batches = () => invoker.requests.map((r) => numbers(r.event as DynamoDBStreamEvent));
  return { sim, store, arn, put, invoker, mapping, destination, batches };
}

describe("StreamEventSourceMapping", () => {
  it("delivers a shard's records in order, in batches, as DynamoDBStreamEvents with links", async () => {
    const w = world(() => ok(), { batchSize: 2 });
    for (let n = 1; n <= 5; n++) w.put(n, `span-${n}`);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1, 2], [3, 4], [5]]);
    expect(w.invoker.requests[0]?.links).toEqual(["span-1", "span-2"]);
    expect(w.invoker.requests[0]?.trigger).toBe("dynamodb-stream");
    const record = (w.invoker.requests[0]!.event as DynamoDBStreamEvent).Records[0];
    expect(record).toMatchObject({ eventName: "INSERT", eventSource: "aws:dynamodb", eventSourceARN: w.arn });
  });

  it("starts after the existing records with LATEST and follows new ones", async () => {
    const w = world(() => ok(), { startingPosition: "LATEST" });
    w.put(1);
    await w.sim.run(() => w.mapping.start());
    await w.sim.run(() => w.put(2));
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[2]]);
  });

  it("waits for the batching window to gather records", async () => {
    const w = world(() => ok(), { maximumBatchingWindowInSeconds: 2 });
    await w.sim.run(() => w.mapping.start());
    await w.sim.run(() => {
      w.put(1);
      w.sim?.schedule(1000, "put", () => w.put(2));
    });
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1, 2]]);
  });

  it("ends the batching window early once the batch is full", async () => {
    const invokedAtMs: number[] = [];
    const w = world(
      () => {
        invokedAtMs.push(w.sim.nowMs());
        return ok();
      },
      { batchSize: 2, maximumBatchingWindowInSeconds: 60 },
    );
    await w.sim.run(() => w.mapping.start());
    const startMs = w.sim.nowMs();
    await w.sim.run(() => {
      w.put(1);
      w.sim.schedule(1000, "put", () => w.put(2));
    });
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1, 2]]);
    expect((invokedAtMs[0] ?? Number.POSITIVE_INFINITY) - startMs).toBeLessThan(60_000);
  });

  it("blocks the shard while a failing batch is retried", async () => {
    const w = world((_, call) => (call <= 2 ? failed() : ok()), { batchSize: 2 });
    w.put(1);
    w.put(2);
    await w.sim.run(() => w.mapping.start());
    await w.sim.run(() => w.put(3));
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1, 2], [1, 2], [1, 2], [3]]);
    expect(w.mapping.counters).toMatchObject({ batches: 4, failedBatches: 2, retries: 2 });
  });

  it("gives up after MaximumRetryAttempts and describes the batch to the destination", async () => {
    const w = world((event) => (numbers(event).includes(1) ? failed() : ok()), {
      maximumRetryAttempts: 2,
      destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:Failed" } },
    });
    w.put(1);
    const firstAtMs = w.sim.nowMs();
    await w.sim.run(() => w.mapping.start());
    await w.sim.run(() => w.put(2));
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    await w.sim.run(() => w.put(3));
    await w.sim.runUntilIdle();
    expect(w.batches().at(-1)).toEqual([3]);
    const iso = new Date(firstAtMs).toISOString();
    expect(w.destination).toEqual([
      {
        requestContext: {
          requestId: "req-failed",
          functionArn: "arn:aws:lambda:us-east-1:123456789012:function:publish",
          condition: "RetryAttemptsExhausted",
          approximateInvokeCount: 3,
        },
        responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
        version: "1.0",
        timestamp: expect.any(String),
        DDBStreamBatchInfo: {
          shardId: w.store.stream(w.arn)?.shards[0]?.shardId,
          startSequenceNumber: "000000000000000000001",
          endSequenceNumber: "000000000000000000002",
          approximateArrivalOfFirstRecord: iso,
          approximateArrivalOfLastRecord: iso,
          batchSize: 2,
          streamArn: w.arn,
        },
      },
    ]);
    expect(w.mapping.counters).toMatchObject({ recordsDiscarded: 2, recordsToDestination: 1 });
  });

  it("gives up a batch older than MaximumRecordAgeInSeconds", async () => {
    const w = world(() => failed(), {
      maximumRecordAgeInSeconds: 60,
      destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:Failed" } },
    });
    w.put(1);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    expect(w.destination).toHaveLength(1);
    expect(w.destination[0]).toMatchObject({ requestContext: { condition: "RecordAgeExceeded" } });
    expect(w.invoker.requests.length).toBeGreaterThan(1);
  });

  it("retries until the records expire after 24 hours by default", async () => {
    const w = world(() => failed());
    w.put(1);
    const startMs = w.sim.nowMs();
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    expect(w.sim.nowMs() - startMs).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(w.mapping.counters.recordsDiscarded).toBe(1);
    expect(w.destination).toEqual([]);
  });

  it("bisects a failing batch down to the poison record, splits not counting as retries", async () => {
    const w = world((event) => (numbers(event).includes(3) ? failed() : ok()), {
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
      destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:Failed" } },
    });
    for (let n = 1; n <= 4; n++) w.put(n);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
    expect(w.destination).toHaveLength(1);
    expect(w.destination[0]).toMatchObject({
      DDBStreamBatchInfo: { batchSize: 1, startSequenceNumber: "000000000000000000003" },
    });
  });

  it("checkpoints at the lowest failed sequence number of a partial batch response", async () => {
    const w = world(
      (event, call) =>
        call === 1
          ? ok({
              batchItemFailures: [3, 2].map((i) => ({
                itemIdentifier: event.Records[i - 1]?.dynamodb?.SequenceNumber,
              })),
            })
          : ok(),
      { functionResponseTypes: ["ReportBatchItemFailures"] },
    );
    for (let n = 1; n <= 4; n++) w.put(n);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([
      [1, 2, 3, 4],
      [2, 3, 4],
    ]);
    expect(w.mapping.counters.partialFailures).toBe(1);
  });

  it("stops delivering after stop()", async () => {
    const w = world(() => ok());
    await w.sim.run(() => w.mapping.start());
    w.mapping.stop();
    await w.sim.run(() => w.put(1));
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([]);
  });

  it("retries a throttled batch without counting it against MaximumRetryAttempts", async () => {
    const w = world((_, call) => (call <= 2 ? throttled() : ok()), { maximumRetryAttempts: 0 });
    w.put(1);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1], [1], [1]]);
    expect(w.mapping.counters).toMatchObject({ throttles: 2, recordsDiscarded: 0, retries: 0 });
  });

  it("keeps order within each shard while another shard is blocked", async () => {
    let failedOnce = false;
    const w = world(
      (event) => {
        if (failedOnce || !numbers(event).includes(1)) return ok();
        failedOnce = true;
        return failed();
      },
      { batchSize: 1 },
      2,
    );
    ["a", "b", "c", "d", "e", "f"].forEach((pk, i) => {
      w.put(i + 1, undefined, pk);
      w.put(i + 7, undefined, pk);
    });
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    const sequences = w.invoker.requests.map(
      (r) => (r.event as DynamoDBStreamEvent).Records[0]?.dynamodb?.SequenceNumber,
    );
    const shards = w.store.stream(w.arn)?.shards ?? [];
    expect(shards.every((shard) => shard.records.length > 0)).toBe(true);
    for (const shard of shards) {
      const own = shard.records.map((r) => r.record.dynamodb.SequenceNumber);
      const delivered = sequences.filter((seq) => seq !== undefined && own.includes(seq));
      // The failed record is delivered twice, in place; nothing overtakes it.
      expect([...new Set(delivered)]).toEqual(own);
    }
    const failedAt = w.batches().findIndex((b) => b[0] === 1);
    const retriedAt = w.batches().findLastIndex((b) => b[0] === 1);
    expect(retriedAt - failedAt).toBeGreaterThan(1);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import { SimulatedDynamoDb } from "../../table/simulated-dynamodb.ts";
import { StreamEventSourceMapping, type StreamMappingDefinition } from "./stream-mapping.ts";
import { failed, ok, ScriptedInvoker } from "./testing.ts";

const sims: Simulation[] = [];
afterEach(() => {
  for (const s of sims.splice(0)) s.dispose();
});

function world(
  script: ConstructorParameters<typeof ScriptedInvoker>[0],
  definition: Partial<StreamMappingDefinition> = {},
) {
  const sim = createSimulation({ seed: 1 });
  sims.push(sim);
  const ddb = new SimulatedDynamoDb(sim);
  ddb.service.handle("CreateTable", {
    TableName: "Stock",
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "sku", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "sku", KeyType: "HASH" }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
  });
  const invoker = new ScriptedInvoker(script);
  const streamArn = ddb.streamArnOf("Stock") as string;
  const failures: Record<string, unknown>[] = [];
  const mapping = new StreamEventSourceMapping(sim, invoker, ddb.streams, {
    functionName: "f",
    streamArn,
    onFailure: (record) => failures.push(record),
    ...definition,
  });
  const put = (sku: string, n: number) =>
    ddb.service.handle("PutItem", { TableName: "Stock", Item: { sku: { S: sku }, n: { N: String(n) } } });
  const numbers = () =>
    invoker.batches((r) => Number((r.dynamodb as { NewImage: { n: { N: string } } }).NewImage.n.N));
  return { sim, invoker, mapping, put, numbers, failures, streamArn };
}

describe("DynamoDB Streams event source mapping", () => {
  it("delivers every change in order, and runUntilIdle drains the stream", async () => {
    const w = world(() => ok(), { batchSize: 2 });
    w.mapping.start();
    await w.sim.run(() => {
      for (let i = 1; i <= 5; i++) w.put("a", i);
    });
    await w.sim.runUntilIdle();
    expect(w.numbers().flat()).toEqual([1, 2, 3, 4, 5]);
    expect(w.numbers().every((b) => b.length <= 2)).toBe(true);
    const [first] = w.invoker.batches((r) => r);
    expect(first?.[0]).toMatchObject({
      eventSource: "aws:dynamodb",
      eventName: "INSERT",
      eventSourceARN: w.streamArn,
    });
  });

  it("blocks the shard while a failing batch is retried, then moves on", async () => {
    const w = world((_r, call) => (call <= 2 ? failed() : ok()));
    w.mapping.start();
    await w.sim.run(() => w.put("a", 1));
    // Written while the first batch fails and is retried: it waits behind it, in the same shard.
    await w.sim.run(() => new Promise((resolve) => setTimeout(resolve, 600)).then(() => w.put("a", 2)));
    await w.sim.runUntilIdle();
    expect(w.numbers()).toEqual([[1], [1], [1], [2]]);
    expect(w.mapping.counters.retries).toBe(2);
  });

  it("gives a batch up after maximumRetryAttempts and describes it to the on-failure destination", async () => {
    const w = world(() => failed(), { maximumRetryAttempts: 1 });
    w.mapping.start();
    await w.sim.run(() => w.put("a", 1));
    await w.sim.runUntilIdle();
    expect(w.invoker.requests).toHaveLength(2);
    expect(w.failures).toEqual([
      expect.objectContaining({
        version: "1.0",
        requestContext: expect.objectContaining({
          condition: "RetryAttemptsExhausted",
          approximateInvokeCount: 2,
        }),
        responseContext: expect.objectContaining({ functionError: "Unhandled" }),
        DDBStreamBatchInfo: expect.objectContaining({
          batchSize: 1,
          shardId: expect.any(String),
          streamArn: w.streamArn,
        }),
      }),
    ]);
  });

  it("bisects a failing batch until the poison record stands alone", async () => {
    const w = world(
      (request) => {
        const ns = (
          request.event as { Records: { dynamodb: { NewImage: { n: { N: string } } } }[] }
        ).Records.map((r) => r.dynamodb.NewImage.n.N);
        return ns.includes("3") ? failed() : ok();
      },
      { bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 },
    );
    await w.sim.run(() => {
      for (let i = 1; i <= 4; i++) w.put(`k${i}`, i);
    });
    w.mapping.start();
    await w.sim.runUntilIdle();
    expect(w.numbers()).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
    expect(w.failures).toHaveLength(1);
  });

  it("checkpoints before the first failure a function reports", async () => {
    const w = world(
      (request, call) => {
        const records = (request.event as { Records: { dynamodb: { SequenceNumber: string } }[] }).Records;
        return call === 1
          ? ok({ batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb.SequenceNumber }] })
          : ok();
      },
      { reportBatchItemFailures: true },
    );
    await w.sim.run(() => {
      for (let i = 1; i <= 3; i++) w.put(`k${i}`, i);
    });
    w.mapping.start();
    await w.sim.runUntilIdle();
    expect(w.numbers()).toEqual([
      [1, 2, 3],
      [2, 3],
    ]);
  });
});

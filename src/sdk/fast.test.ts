import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient, ListStreamsCommand } from "@aws-sdk/client-dynamodb-streams";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterEach, describe, expect, it } from "vitest";
import { AwsServiceError } from "../cloud/aws-error.ts";
import { attachServices, ServiceRegistry } from "../cloud/services.ts";
import { createSimulation, type Simulation } from "../core/simulation.ts";
import { attachSdkBridge } from "./bridge.ts";
import type { SdkBridgeMode } from "./options.ts";
import { FakeTable } from "./testing/fake-table.ts";
import { UnhandledSdkRequestError } from "./unhandled-request-error.ts";

// Constructed once, like handler code at module scope: no region, endpoint or credentials.
const client = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function world(mode: SdkBridgeMode = "fast", seed = 1): { sim: Simulation; table: FakeTable } {
  const sim = createSimulation({ seed });
  const table = new FakeTable();
  attachServices(sim, new ServiceRegistry({ defaultLatency: { minMs: 2, maxMs: 8 } })).register(table);
  cleanups.push(() => sim.dispose(), attachSdkBridge(sim, { mode }));
  return { sim, table };
}

describe.each(["fast", "wire"] as const)("%s mode", (mode) => {
  it("answers low-level commands from the simulated service after a drawn latency", async () => {
    const { sim, table } = world(mode);
    const out = await sim.run(async () => {
      const t0 = Date.now();
      await client.send(new PutItemCommand({ TableName: "T", Item: { pk: { S: "a" }, n: { N: "1" } } }));
      const got = await client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "a" } } }));
      return { got, elapsedMs: Date.now() - t0 };
    });
    expect(out.got.Item).toEqual({ pk: { S: "a" }, n: { N: "1" } });
    expect(out.got.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
    expect(out.got.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.elapsedMs).toBeGreaterThanOrEqual(4);
    expect(out.elapsedMs).toBeLessThanOrEqual(16);
    expect(table.calls).toEqual(["PutItem", "GetItem"]);
  });

  it("marshals DocumentClient commands with the client's marshall options", async () => {
    const { sim, table } = world(mode);
    const got = await sim.run(async () => {
      await doc.send(
        new PutCommand({ TableName: "T", Item: { pk: "b", tags: new Set(["x"]), gone: undefined } }),
      );
      return doc.send(new GetCommand({ TableName: "T", Key: { pk: "b" } }));
    });
    expect(table.items.get(JSON.stringify({ S: "b" }))).toEqual({ pk: { S: "b" }, tags: { SS: ["x"] } });
    expect(got.Item).toEqual({ pk: "b", tags: new Set(["x"]) });
  });

  it("raises the SDK's own exception class with DynamoDB's message and extra members", async () => {
    const { sim } = world(mode);
    const error = await sim.run(async () => {
      const put = () =>
        client.send(
          new PutItemCommand({
            TableName: "T",
            Item: { pk: { S: "c" } },
            ConditionExpression: "attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        );
      await put();
      return put().catch((e: unknown) => e);
    });
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    const e = error as ConditionalCheckFailedException;
    expect([e.name, e.message, e.$fault]).toEqual([
      "ConditionalCheckFailedException",
      "The conditional request failed",
      "client",
    ]);
    expect(e.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 });
    expect(e.Item).toEqual({ pk: { S: "c" } });
  });

  it("retries throttled calls with the client's strategy, backing off on virtual time", async () => {
    const { sim, table } = world(mode);
    table.throttleNext = 2;
    const out = await sim.run(() =>
      client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "z" } } })),
    );
    expect(out.$metadata.attempts).toBe(3);
    expect(out.$metadata.totalRetryDelay).toBeGreaterThan(0);
    expect(sim.elapsedMs()).toBeGreaterThanOrEqual(6 + (out.$metadata.totalRetryDelay ?? 0));
    expect(table.calls).toEqual(["GetItem", "GetItem", "GetItem"]);
  });

  it("gives up after maxAttempts with the last error carrying attempts and totalRetryDelay", async () => {
    const { sim, table } = world(mode);
    table.throttleNext = 10;
    const limited = new DynamoDBClient({ maxAttempts: 2 });
    const error = await sim.run(() =>
      limited.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "z" } } })).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    const e = error as ProvisionedThroughputExceededException;
    expect(e.$metadata.attempts).toBe(2);
    expect(e.$metadata.totalRetryDelay).toBeGreaterThan(0);
    expect(table.calls).toHaveLength(2);
  });

  it("retries a 5xx as a transient error and surfaces a 4xx client error at once", async () => {
    const { sim, table } = world(mode);
    table.failNext.push(
      new AwsServiceError("InternalServerError", "Internal server error", { statusCode: 500 }),
    );
    const ok = await sim.run(() =>
      client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "z" } } })),
    );
    expect(ok.$metadata.attempts).toBe(2);
    table.failNext.push(
      new AwsServiceError("ValidationException", "One or more parameter values were invalid"),
    );
    const error = await sim.run(() =>
      client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "z" } } })).catch((e: unknown) => e),
    );
    expect(error).toMatchObject({
      name: "ValidationException",
      $fault: "client",
      $metadata: { attempts: 1 },
    });
    expect(error).toBeInstanceOf(DynamoDBServiceException);
  });

  it("uses a retry strategy object the client was constructed with", async () => {
    const { sim, table } = world(mode);
    table.throttleNext = 10;
    const configured = new DynamoDBClient({ retryStrategy: new ConfiguredRetryStrategy(3, 100) });
    const error = await sim.run(() =>
      configured
        .send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "z" } } }))
        .catch((e: unknown) => e),
    );
    expect((error as ProvisionedThroughputExceededException).$metadata).toMatchObject({
      attempts: 3,
      totalRetryDelay: 200,
    });
  });

  it("records an sdk-call span under the current span", async () => {
    const { sim } = world(mode);
    await sim.run(async () => {
      const parent = sim.trace.start({ kind: "invocation", name: "fn", atMs: sim.nowMs() });
      await sim.withSpan(parent.id, () =>
        client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "q" } } })),
      );
    });
    const span = sim.trace.all().find((s) => s.kind === "sdk-call");
    expect(span).toMatchObject({
      name: "DynamoDB.GetItem",
      parentId: "s1",
      status: "ok",
      attributes: { table: "T", attempts: 1 },
    });
    expect(span?.endMs).toBeGreaterThan(span?.startMs ?? Number.POSITIVE_INFINITY);
  });

  it("fails a call to a service that is not simulated, naming service and operation", async () => {
    const { sim } = world(mode);
    const streams = new DynamoDBStreamsClient({});
    const error = await sim.run(() => streams.send(new ListStreamsCommand({})).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(UnhandledSdkRequestError);
    expect(String(error)).toMatch(/DynamoDB Streams\.ListStreams .*not simulated/);
  });
});

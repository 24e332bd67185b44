import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterEach, expect, it } from "vitest";
import { attachServices, ServiceRegistry } from "../cloud/services.ts";
import { TokenBucketCapacityMeter } from "../cloud/table/capacity.ts";
import { DynamoDbService } from "../cloud/table/service.ts";
import { createSimulation } from "../core/simulation.ts";
import { attachSdkBridge } from "./bridge.ts";
import type { SdkBridgeMode } from "./options.ts";
import { FakeTable } from "./testing/fake-table.ts";

const client = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  unmarshallOptions: { wrapNumbers: true },
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** Outcome of one call: its result, or the error's class, message, metadata and members. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await call() };
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    return { error: e.constructor.name, fields: { ...e }, message: e.message, name: e.name };
  }
}

async function scenario(mode: SdkBridgeMode, seed: number) {
  const sim = createSimulation({ seed });
  let throttles = 0;
  const capacity = new TokenBucketCapacityMeter({ kernel: sim, faultHook: () => throttles-- > 0 });
  const dynamodb = new DynamoDbService(sim, { capacity });
  // DynamoDbService has no serviceId of its own yet.
  attachServices(sim, new ServiceRegistry()).register({
    serviceId: "DynamoDB",
    handle: (op, input) => dynamodb.handle(op, input),
  });
  cleanups.push(() => sim.dispose(), attachSdkBridge(sim, { mode }));
  const results = await sim.run(async () => {
    const steps: unknown[] = [];
    const step = async (call: () => Promise<unknown>) => {
      steps.push({ atMs: Date.now(), result: await outcome(call) });
    };
    await step(() =>
      client.send(
        new CreateTableCommand({
          TableName: "Stock",
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [{ AttributeName: "sku", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "sku", KeyType: "HASH" }],
        }),
      ),
    );
    const put = (sku: string, extra: Record<string, unknown> = {}) =>
      doc.send(
        new PutCommand({
          TableName: "Stock",
          Item: { sku, qty: 5, bin: new Uint8Array([1, 2]), note: undefined, ...extra },
          ConditionExpression: "attribute_not_exists(sku)",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
    await step(() => put("a"));
    await step(() =>
      doc.send(
        new UpdateCommand({
          TableName: "Stock",
          Key: { sku: "a" },
          UpdateExpression: "ADD qty :n SET tags = :t",
          ExpressionAttributeValues: { ":n": 3, ":t": new Set(["red"]) },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    await step(() => put("a", { qty: 1 }));
    throttles = 2;
    await step(() =>
      doc.send(
        new UpdateCommand({
          TableName: "Stock",
          Key: { sku: "a" },
          UpdateExpression: "SET qty = qty - :one",
          ConditionExpression: "qty > :zero",
          ExpressionAttributeValues: { ":one": 1, ":zero": 0 },
          ReturnValues: "UPDATED_OLD",
        }),
      ),
    );
    const items = ["b", "c", "d"].map((sku) => ({
      PutRequest: { Item: { sku, qty: 1, m: { deep: [1, "x"] } } },
    }));
    await step(() => doc.send(new BatchWriteCommand({ RequestItems: { Stock: items } })));
    await step(() =>
      doc.send(new BatchGetCommand({ RequestItems: { Stock: { Keys: [{ sku: "b" }, { sku: "zz" }] } } })),
    );
    await step(() =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: "Stock",
                Key: { sku: "zz" },
                ConditionExpression: "attribute_exists(sku)",
              },
            },
            {
              Update: {
                TableName: "Stock",
                Key: { sku: "b" },
                UpdateExpression: "SET qty = :q",
                ExpressionAttributeValues: { ":q": 9 },
              },
            },
          ],
        }),
      ),
    );
    return steps;
  });
  return { results, endMs: sim.nowMs(), choices: sim.choices.recording().choices.map((c) => c.label) };
}

it("gives identical outcomes in fast and wire mode: results, errors, attempts and virtual times", async () => {
  for (const seed of [1, 2, 3]) {
    const fast = await scenario("fast", seed);
    const wire = await scenario("wire", seed);
    expect(fast.results).toEqual(wire.results);
    expect(fast.endMs).toBe(wire.endMs);
    expect(fast.choices).toEqual(wire.choices);
  }
  const sample = (await scenario("fast", 1)).results as { result: Record<string, unknown> }[];
  expect(JSON.stringify(sample[3]?.result)).toMatch(/ConditionalCheckFailedException/);
  expect(JSON.stringify(sample[4]?.result)).toMatch(/"attempts":3/);
  expect(JSON.stringify(sample[7]?.result)).toMatch(/TransactionCanceledException/);
});

async function concurrent(mode: SdkBridgeMode) {
  const sim = createSimulation({ seed: 5 });
  const table = new FakeTable();
  table.throttleNext = 2;
  attachServices(sim, new ServiceRegistry()).register(table);
  cleanups.push(() => sim.dispose(), attachSdkBridge(sim, { mode }));
  const results = await sim.run(() =>
    Promise.all([
      client.send(new PutItemCommand({ TableName: "T", Item: { pk: { S: "a" } } })),
      doc.send(new GetCommand({ TableName: "T", Key: { pk: "a" } })),
      client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "a" } } })),
    ]),
  );
  return { results, calls: table.calls, endMs: sim.nowMs(), choices: sim.choices.recording().choices };
}

it("interleaves concurrent calls, retries included, the same way in both modes", async () => {
  const fast = await concurrent("fast");
  expect(fast.calls).toHaveLength(5);
  expect(fast).toEqual(await concurrent("wire"));
});

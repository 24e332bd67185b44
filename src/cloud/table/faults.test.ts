import { afterEach, describe, expect, it } from "vitest";
import { SquallError } from "../../core/errors.ts";
import { createSimulation, type Simulation } from "../../core/simulation.ts";
import { AwsServiceError } from "../aws-error.ts";
import { ServiceRegistry } from "../services.ts";
import type { DynamoDbFaultOptions } from "./faults.ts";
import { SimulatedDynamoDb } from "./simulated-dynamodb.ts";
import { item, key, tableInput } from "./testing/fixtures.ts";

let sim: Simulation | undefined;
afterEach(() => sim?.dispose());

/** A simulated DynamoDB with on-demand `Orders` and provisioned `Stock`, on a real simulation kernel. */
function world(faults: DynamoDbFaultOptions = {}) {
  sim = createSimulation({ seed: 3 });
  const dynamodb = new SimulatedDynamoDb(sim, { faults });
  const call = (operation: string, input: Record<string, unknown>) =>
    dynamodb.service.handle(operation, input);
  call("CreateTable", tableInput("Orders"));
  call("CreateTable", {
    ...tableInput("Stock"),
    BillingMode: "PROVISIONED",
    ProvisionedThroughput: { ReadCapacityUnits: 1_000, WriteCapacityUnits: 1_000 },
  });
  const fail = (operation: string, input: Record<string, unknown>): AwsServiceError => {
    try {
      call(operation, input);
    } catch (error) {
      if (error instanceof AwsServiceError) return error;
      throw error;
    }
    throw new Error(`${operation} was expected to fail`);
  };
  const labels = () => sim!.choices.recording().choices.map((c) => c.label);
  const spans = (name: string) => sim!.trace.all().filter((s) => s.name === name);
  return { sim, dynamodb, call, fail, labels, spans };
}

describe("DynamoDB faults", () => {
  it("draw nothing when every knob is 0, so the choice stream is as without faults", () => {
    const w = world({
      throttleProbability: 0,
      readLagMsMax: 0,
      tables: { Orders: { operations: { PutItem: 0 } } },
    });
    w.call("PutItem", { TableName: "Orders", Item: item("a", 1) });
    w.call("GetItem", { TableName: "Orders", Key: key("a", 1) });
    expect(w.labels()).toEqual([]);
    expect([...w.sim.faultCoverage()]).toEqual([]);
  });

  it("throttle one operation of one table with ProvisionedThroughputExceededException, writing nothing", () => {
    const w = world({ tables: { Orders: { operations: { PutItem: 1 } } } });
    const error = w.fail("PutItem", { TableName: "Orders", Item: item("a", 1) });
    expect(error).toMatchObject({ code: "ProvisionedThroughputExceededException", throttling: true });
    // On-demand tables throttle a hot key range, with the same exception.
    expect(error.fields).toEqual({
      ThrottlingReasons: [
        {
          reason: "TableWriteKeyRangeThroughputExceeded",
          resource: "arn:aws:dynamodb:us-east-1:000000000000:table/Orders",
        },
      ],
    });
    expect(w.dynamodb.scan("Orders")).toEqual([]);
    // Other operations and tables are not consulted at all.
    w.call("GetItem", { TableName: "Orders", Key: key("a", 1) });
    w.call("PutItem", { TableName: "Stock", Item: item("a", 1) });
    expect(w.labels()).toEqual(["fault.dynamodb.throttle.Orders.PutItem"]);
    expect(w.sim.faultCoverage().get("dynamodb.throttle")).toEqual({ consulted: 1, fired: 1 });
    expect(w.spans("fault.dynamodb.throttle").map((s) => s.attributes)).toEqual([
      { where: "Orders.PutItem" },
    ]);
  });

  it("name the provisioned capacity of a provisioned table, the most specific probability winning", () => {
    const w = world({ throttleProbability: 1, tables: { Orders: { throttleProbability: 0 } } });
    const error = w.fail("UpdateItem", {
      TableName: "Stock",
      Key: key("s", 1),
      UpdateExpression: "SET n = :n",
      ExpressionAttributeValues: { ":n": { N: "1" } },
    });
    expect(error.fields).toMatchObject({
      ThrottlingReasons: [{ reason: "TableWriteProvisionedThroughputExceeded" }],
    });
    w.call("PutItem", { TableName: "Orders", Item: item("a", 1) });
    expect(w.sim.faultCoverage().get("dynamodb.throttle")).toEqual({ consulted: 1, fired: 1 });
  });

  it("turn a batch's throttled table into unprocessed items, and a transaction's into a cancellation", () => {
    const w = world({ tables: { Stock: { throttleProbability: 1 } } });
    const put = (table: string, sk: number) => ({ PutRequest: { Item: item("b", sk) }, table });
    const requests = [put("Orders", 1), put("Orders", 2), put("Stock", 1), put("Stock", 2)];
    const RequestItems: Record<string, unknown[]> = {};
    for (const { table, ...request } of requests)
      RequestItems[table] = [...(RequestItems[table] ?? []), request];
    const out = w.call("BatchWriteItem", { RequestItems });
    expect(out.UnprocessedItems).toEqual({ Stock: RequestItems.Stock });
    expect(w.dynamodb.scan("Orders")).toHaveLength(2);
    // One draw per table and request, whatever the number of items.
    expect(w.sim.faultCoverage().get("dynamodb.throttle")).toEqual({ consulted: 1, fired: 1 });
    const error = w.fail("TransactWriteItems", {
      TransactItems: [
        { Put: { TableName: "Orders", Item: item("t", 1) } },
        { Put: { TableName: "Stock", Item: item("t", 1) } },
      ],
    });
    expect(error.code).toBe("TransactionCanceledException");
    expect(error.fields?.CancellationReasons).toEqual([
      { Code: "None" },
      expect.objectContaining({ Code: "ProvisionedThroughputExceeded" }),
    ]);
  });

  it("let an eventually consistent read see the table up to readLagMsMax earlier, never a consistent one", async () => {
    const w = world({ readLagMsMax: 1_000 });
    w.call("PutItem", { TableName: "Orders", Item: item("a", 1, { v: { N: "1" } }) });
    await w.sim.advance(5_000);
    w.call("PutItem", { TableName: "Orders", Item: item("a", 1, { v: { N: "2" } }) });
    await w.sim.advance(500);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const got = w.call("GetItem", { TableName: "Orders", Key: key("a", 1) }).Item as Record<
        string,
        { N: string }
      >;
      seen.add(got.v!.N);
      const latest = w.call("GetItem", { TableName: "Orders", Key: key("a", 1), ConsistentRead: true });
      expect(latest.Item).toEqual(item("a", 1, { v: { N: "2" } }));
    }
    expect([...seen].sort()).toEqual(["1", "2"]);
    expect(new Set(w.labels())).toEqual(new Set(["fault.dynamodb.readLag.Orders"]));
    const count = w.sim.faultCoverage().get("dynamodb.readLag");
    expect(count?.consulted).toBe(30);
    expect(w.spans("fault.dynamodb.readLag")).toHaveLength(count?.fired ?? -1);
    w.dynamodb.setFaults({});
    w.call("GetItem", { TableName: "Orders", Key: key("a", 1) });
    expect(w.sim.faultCoverage().get("dynamodb.readLag")?.consulted).toBe(30);
  });

  it("draw each call's latency from the fault's range instead of the registry's", () => {
    const w = world({ latencyMsMin: 40, latencyMsMax: 60 });
    const registry = new ServiceRegistry();
    registry.register(w.dynamodb.service);
    registry.register(w.dynamodb.streamsService);
    const latencies = Array.from({ length: 20 }, () => registry.drawLatencyMs(w.sim, "DynamoDB", "Query"));
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(60);
    expect(new Set(w.labels())).toEqual(new Set(["fault.dynamodb.latency.Query"]));
    // A latency at the range's floor is the baseline, not a fault that fired.
    const aboveFloor = latencies.filter((ms) => ms > 40).length;
    expect(aboveFloor).toBeLessThan(20);
    expect(w.sim.faultCoverage().get("dynamodb.latency")).toEqual({ consulted: 20, fired: aboveFloor });
    // Other services, and DynamoDB once the fault is off, draw from the registry's range.
    registry.drawLatencyMs(w.sim, "DynamoDB Streams", "GetRecords");
    w.dynamodb.setFaults({});
    expect(registry.drawLatencyMs(w.sim, "DynamoDB", "Query")).toBeLessThanOrEqual(8);
    expect(w.labels().slice(20)).toEqual([
      "DynamoDB Streams.GetRecords.latencyMs",
      "DynamoDB.Query.latencyMs",
    ]);
  });

  it("refuse a bad knob by name", () => {
    const w = world();
    expect(() => w.dynamodb.setFaults({ throttleProbability: 2 })).toThrow(
      /DynamoDB fault throttleProbability must be a number in \[0, 1\], got 2/,
    );
    expect(() => w.dynamodb.setFaults({ tables: { Orders: { operations: { PutIten: 1 } } } })).toThrow(
      /tables\.Orders\.operations\.PutIten: not an operation that can be throttled/,
    );
    expect(() => w.dynamodb.setFaults({ latencyMsMin: 5 })).toThrow(SquallError);
  });
});

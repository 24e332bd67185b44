import { CreateTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from "@aws-sdk/client-dynamodb-streams";
import { afterEach, expect, it } from "vitest";
import { attachServices, ServiceRegistry } from "../cloud/services.ts";
import { SimulatedDynamoDb } from "../cloud/table/simulated-dynamodb.ts";
import { createSimulation } from "../core/simulation.ts";
import { attachSdkBridge } from "./bridge.ts";
import type { SdkBridgeMode } from "./options.ts";

const dynamodb = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function readStream(mode: SdkBridgeMode) {
  const sim = createSimulation({ seed: 11 });
  const simulated = new SimulatedDynamoDb(sim);
  const registry = attachServices(sim, new ServiceRegistry());
  registry.register(simulated.service);
  registry.register(simulated.streamsService);
  cleanups.push(() => sim.dispose(), attachSdkBridge(sim, { mode }));
  return sim.run(async () => {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: "Orders",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
    for (const pk of ["o1", "o2"]) {
      await dynamodb.send(
        new PutItemCommand({
          TableName: "Orders",
          Item: { pk: { S: pk }, blob: { B: new Uint8Array([7]) } },
        }),
      );
    }
    const { Streams } = await streams.send(new ListStreamsCommand({ TableName: "Orders" }));
    const StreamArn = Streams?.[0]?.StreamArn;
    const described = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const ShardId = described.StreamDescription?.Shards?.[0]?.ShardId;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: "TRIM_HORIZON" }),
    );
    const records = await streams.send(new GetRecordsCommand({ ShardIterator }));
    return { described, records, atMs: Date.now() };
  });
}

it("reads DynamoDB Streams through the streams client, identically in fast and wire mode", async () => {
  const fast = await readStream("fast");
  const wire = await readStream("wire");
  expect(fast.records.Records?.map((r) => r.dynamodb?.NewImage?.pk?.S)).toEqual(["o1", "o2"]);
  expect(fast.records.Records?.[0]?.dynamodb?.NewImage?.blob?.B).toEqual(new Uint8Array([7]));
  expect(fast.records.Records?.[0]?.dynamodb?.ApproximateCreationDateTime).toBeInstanceOf(Date);
  expect(fast).toEqual(wire);
});

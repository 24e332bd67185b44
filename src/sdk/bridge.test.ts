import path from "node:path";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { Client } from "@smithy/core/client";
import { externalDataInterceptor, getHomeDir } from "@smithy/core/config";
import { afterEach, describe, expect, it } from "vitest";
import { AwsServiceError } from "../cloud/aws-error.ts";
import { attachServices, ServiceRegistry } from "../cloud/services.ts";
import { createSimulation, type Simulation } from "../core/simulation.ts";
import { attachSdkBridge } from "./bridge.ts";
import { acquireSdkBridge } from "./intercept.ts";
import { FakeTable } from "./testing/fake-table.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A client that answers from a stub request handler, so calls outside a simulation need no network. */
function offlineClient(answered: string[]): DynamoDBClient {
  return new DynamoDBClient({
    region: "eu-west-1",
    credentials: { accessKeyId: "k", secretAccessKey: "s" },
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        answered.push(request.headers["x-amz-target"] ?? "");
        const body = new TextEncoder().encode("{}");
        return { response: { statusCode: 200, headers: { "x-amzn-requestid": "real-1" }, body } };
      },
    },
  } as never);
}

function simulated(): { sim: Simulation; table: FakeTable } {
  const sim = createSimulation({ seed: 3 });
  const table = new FakeTable();
  attachServices(sim, new ServiceRegistry()).register(table);
  cleanups.push(() => sim.dispose());
  return { sim, table };
}

describe("interception", () => {
  it("leaves calls outside a simulation to the real pipeline, in both modes", async () => {
    const answered: string[] = [];
    const client = offlineClient(answered);
    for (const mode of ["fast", "wire"] as const) {
      const { sim } = simulated();
      const detach = attachSdkBridge(sim, { mode });
      await sim.run(() => client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "a" } } })));
      const outside = await client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "a" } } }));
      expect(outside.$metadata.requestId).toBe("real-1");
      expect(await client.config.region()).toBe("eu-west-1");
      detach();
    }
    expect(answered).toEqual(["DynamoDB_20120810.GetItem", "DynamoDB_20120810.GetItem"]);
  });

  it("patches send once however many owners, and restores it when the last one releases", () => {
    const original = Client.prototype.send;
    const first = acquireSdkBridge();
    const patched = Client.prototype.send;
    const second = acquireSdkBridge();
    expect(Client.prototype.send).toBe(patched);
    expect(patched).not.toBe(original);
    first();
    first();
    expect(Client.prototype.send).toBe(patched);
    second();
    expect(Client.prototype.send).toBe(original);
  });

  it("supports the callback form of send", async () => {
    const { sim, table } = simulated();
    cleanups.push(attachSdkBridge(sim));
    const client = new DynamoDBClient({});
    const requestId = await sim.run(
      () =>
        new Promise<string | undefined>((resolve, reject) => {
          client.send(new PutItemCommand({ TableName: "T", Item: { pk: { S: "cb" } } }), (error, output) =>
            error ? reject(error) : resolve(output?.$metadata.requestId),
          );
        }),
    );
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(table.calls).toEqual(["PutItem"]);
  });

  it("lets a call to a service that is not simulated through under onUnhandledRequest: bypass", async () => {
    const sim = createSimulation({ seed: 1 });
    cleanups.push(() => sim.dispose(), attachSdkBridge(sim, { onUnhandledRequest: "bypass" }));
    const answered: string[] = [];
    const client = offlineClient(answered);
    await sim.run(() => client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "a" } } })));
    expect(answered).toEqual(["DynamoDB_20120810.GetItem"]);
  });

  it("hides the shared config files from clients inside a simulation, not outside", async () => {
    const file = path.join(getHomeDir(), ".aws", "config");
    const records = externalDataInterceptor.getFileRecord() as Record<string, unknown>;
    const { sim } = simulated();
    const detach = attachSdkBridge(sim);
    cleanups.push(() => Reflect.deleteProperty(records, file));
    externalDataInterceptor.interceptFile(file, "[default]\nmax_attempts = 7\n");
    const maxAttempts = (client: DynamoDBClient) => (client.config.maxAttempts as () => Promise<number>)();
    expect(await maxAttempts(new DynamoDBClient({}))).toBe(7);
    expect(await sim.run(() => maxAttempts(new DynamoDBClient({})))).toBe(4);
    detach();
    expect(await maxAttempts(new DynamoDBClient({}))).toBe(7);
  });

  it("waits, in both modes, for a service that answers later (a long poll), on virtual time", async () => {
    for (const mode of ["fast", "wire"] as const) {
      const sim = createSimulation({ seed: 5 });
      cleanups.push(() => sim.dispose(), attachSdkBridge(sim, { mode }));
      const later = (ms: number, output: Record<string, unknown>) =>
        new Promise<Record<string, unknown>>((resolve) => sim.schedule(ms, "answer", () => resolve(output)));
      const handle = (op: string) =>
        op === "GetItem"
          ? later(20_000, { Item: { pk: { S: "late" } } })
          : later(1_000, {}).then(() => {
              throw new AwsServiceError("ResourceNotFoundException", "Requested resource not found");
            });
      attachServices(sim, new ServiceRegistry({ defaultLatency: { minMs: 0, maxMs: 0 } })).register({
        serviceId: "DynamoDB",
        handle,
      });
      const client = new DynamoDBClient({});
      const out = await sim.run(async () => {
        const start = Date.now();
        const got = await client.send(new GetItemCommand({ TableName: "T", Key: { pk: { S: "a" } } }));
        const error = await client
          .send(new PutItemCommand({ TableName: "T", Item: {} }))
          .catch((e: Error) => e);
        return { pk: got.Item?.pk?.S, waitedMs: Date.now() - start, error: (error as Error).name };
      });
      expect(out).toEqual({ pk: "late", waitedMs: 21_000, error: "ResourceNotFoundException" });
    }
  });

  it("rejects an unknown mode at the edge", () => {
    const { sim } = simulated();
    expect(() => attachSdkBridge(sim, { mode: "turbo" as never })).toThrow(/"fast" or "wire"/);
  });
});

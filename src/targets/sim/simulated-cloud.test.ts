import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import { tableName } from "../../app/refs.ts";
import { simulate } from "./simulated-cloud.ts";

const env = { TABLE_NAME: tableName("Records") };
const app = defineApp({
  name: "records",
  root: import.meta.dirname,
  tables: { Records: { partitionKey: { name: "id", type: "S" } } },
  topics: { Notes: { subscriptions: [{ function: "fromTopic" }] } },
  functions: {
    record: { handler: "testing/handlers.ts#record", environment: env },
    fromTopic: { handler: "testing/handlers.ts#fromTopic", environment: env },
    slow: { handler: "testing/handlers.ts#slow", environment: env, timeoutSeconds: 1 },
  },
});

const wired = defineApp({
  name: "wired",
  root: import.meta.dirname,
  tables: {
    Records: { partitionKey: { name: "id", type: "S" } },
    Watched: { partitionKey: { name: "id", type: "S" }, stream: "NEW_IMAGE" },
  },
  queues: { Inbox: {}, Failures: {} },
  functions: {
    fromQueue: { handler: "testing/handlers.ts#fromQueue", environment: env, events: [{ queue: "Inbox" }] },
    rejectStream: {
      handler: "testing/handlers.ts#rejectStream",
      events: [{ stream: "Watched", maximumRetryAttempts: 1, onFailure: { queue: "Failures" } }],
    },
  },
});

describe("the sim target's event sources", () => {
  it("lists a table's changes from its stream, and refuses a table without one", async () => {
    await using cloud = await simulate(wired, { seed: 4 });
    await cloud.putItem("Watched", { id: "w", n: 1 });
    await cloud.putItem("Watched", { id: "w", n: 2 });
    expect(await cloud.tableChanges("Watched")).toEqual([
      { eventName: "INSERT", keys: { id: "w" }, newImage: { id: "w", n: 1 } },
      { eventName: "MODIFY", keys: { id: "w" }, newImage: { id: "w", n: 2 } },
    ]);
    await expect(cloud.tableChanges("Records")).rejects.toThrow(/the table has no stream/);
  });

  it("delivers queue messages to the function that reads the queue", async () => {
    await using cloud = await simulate(wired, { seed: 4 });
    const { messageId } = await cloud.sendMessage("Inbox", "hi");
    await cloud.settle();
    expect(await cloud.getItem("Records", { id: messageId })).toEqual({ id: messageId, note: "hi" });
  });

  it("sends a stream batch that keeps failing to the mapping's on-failure queue", async () => {
    await using cloud = await simulate(wired, { seed: 5 });
    await cloud.putItem("Watched", { id: "w1" });
    await cloud.settle();
    const failures = cloud.sqs.peekMessages("Failures") ?? [];
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0]?.body ?? "{}")).toMatchObject({
      requestContext: { condition: "RetryAttemptsExhausted" },
      DDBStreamBatchInfo: { batchSize: 1 },
    });
    expect((await cloud.stats()).retries).toBeGreaterThanOrEqual(1);
  });
});

describe("the sim target", () => {
  it.each(["fast", "wire"] as const)(
    "invokes a function, which writes through its own SDK client, and logs what it did (%s mode)",
    async (sdkMode) => {
      await using cloud = await simulate(app, { seed: 1, namePrefix: "t1", sdkMode });
      const result = await cloud.invoke("record", { id: "a" });
      expect(result.payload).toEqual({ saved: "a" });
      expect(result.error).toBeUndefined();
      expect(await cloud.getItem("Records", { id: "a" })).toEqual({ id: "a", note: "direct" });
      const lines = await cloud.logs({ functionName: "record", contains: "saving a" });
      expect(lines).toHaveLength(1);
      expect(lines[0]?.requestId).toBe(result.requestId);
      expect((await cloud.stats()).coldStarts).toBe(1);
      expect(cloud.physicalName("Records")).toBe("t1-Records");
    },
  );

  it("fans a published message out to a subscribed function", async () => {
    await using cloud = await simulate(app, { seed: 2 });
    const { messageId } = await cloud.publish("Notes", "hello");
    await cloud.settle();
    expect(await cloud.getItem("Records", { id: messageId })).toEqual({ id: messageId, note: "hello" });
  });

  it("fails a function at its timeout, and its later SDK calls never land", async () => {
    await using cloud = await simulate(app, { seed: 3 });
    const result = await cloud.invoke("slow", { id: "late" });
    expect(result.error).toBe("Unhandled");
    expect(result.payload).toMatchObject({ errorType: "Sandbox.Timedout" });
    await cloud.settle();
    expect(await cloud.getItem("Records", { id: "late" })).toBeUndefined();
  });

  it("restores every patched global when disposed (await using)", async () => {
    const before = {
      log: console.log,
      env: process.env,
      now: Date.now,
      setTimeout: globalThis.setTimeout,
      random: Math.random,
    };
    {
      await using cloud = await simulate(app, { seed: 6 });
      await cloud.invoke("record", { id: "g" });
    }
    const after = {
      log: console.log,
      env: process.env,
      now: Date.now,
      setTimeout: globalThis.setTimeout,
      random: Math.random,
    };
    expect(after).toEqual(before);
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(60_000);
  });

  it("gives the same trace for the same seed", async () => {
    const fingerprint = async (seed: number) => {
      await using cloud = await simulate(app, { seed });
      await cloud.invoke("record", { id: "x" });
      await cloud.publish("Notes", "n");
      await cloud.settle();
      return cloud.sim.trace.fingerprint();
    };
    expect(await fingerprint(7)).toBe(await fingerprint(7));
    expect(await fingerprint(7)).not.toBe(await fingerprint(8));
  });
});

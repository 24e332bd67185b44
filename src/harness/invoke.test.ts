import path from "node:path";
import { describe, expect, it } from "vitest";
import { defineApp } from "../app/define-app.ts";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import { invokeWithColdStartCompensation } from "./invoke.ts";

const app = defineApp({
  name: "cold",
  root: path.join(import.meta.dirname, "../targets/sim"),
  tables: { Records: { partitionKey: { name: "id", type: "S" } } },
  functions: {
    record: {
      handler: "testing/handlers.ts#record",
      environment: { TABLE_NAME: "Records" },
      coldStartMs: { minMs: 4_000, maxMs: 4_000 },
      reservedConcurrency: 1,
    },
  },
});

describe("invokeWithColdStartCompensation", () => {
  it("reports a cold start with its init duration, then a warm call, and confirms the payload in the logs", async () => {
    await using cloud = await simulate(app, { seed: 2 });
    const first = await invokeWithColdStartCompensation(
      cloud,
      "record",
      { id: "c-1" },
      { confirmInLogs: "saving c-1" },
    );
    expect(first).toMatchObject({ cold: true, initDurationMs: 4000, attempts: 1, payload: { saved: "c-1" } });
    const second = await invokeWithColdStartCompensation(cloud, "record", { id: "c-2" });
    expect(second.cold).toBe(false);
    expect(second.initDurationMs).toBeUndefined();
  });

  it("retries a throttled invocation until an environment is free", async () => {
    await using cloud = await simulate(app, { seed: 4 });
    const [a, b] = await cloud.run(() =>
      Promise.all([
        invokeWithColdStartCompensation(cloud, "record", { id: "t-1" }),
        invokeWithColdStartCompensation(cloud, "record", { id: "t-2" }),
      ]),
    );
    expect([a?.attempts, b?.attempts].sort()).toEqual([1, expect.any(Number)]);
    expect(Math.max(a?.attempts ?? 0, b?.attempts ?? 0)).toBeGreaterThan(1);
    expect(await cloud.scan("Records")).toHaveLength(2);
  });

  it("does not retry a function that does not exist for ever: it is not in the app", async () => {
    await using cloud = await simulate(app, { seed: 3 });
    await expect(invokeWithColdStartCompensation(cloud, "nope", {})).rejects.toThrow(
      /has no function "nope"/,
    );
  });
});

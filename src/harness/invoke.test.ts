import path from "node:path";
import {
  ResourceConflictException,
  ResourceNotFoundException,
  ResourceNotReadyException,
  TooManyRequestsException,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { defineApp } from "../app/define-app.ts";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import type { InvokeOptions, Target } from "../targets/target.ts";
import { EventuallyTimeoutError } from "./eventually.ts";
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

const meta = { $metadata: {} };
type Refusal = (call: number) => Error | undefined;

/** The target, but Lambda refuses the n-th DryRun or invocation as `refuse` says. */
function refusing(target: Target, refuse: { dryRun?: Refusal; invoke?: Refusal }): Target {
  const calls = { dryRun: 0, invoke: 0 };
  const invoke = (fn: string, event: unknown, options?: InvokeOptions) => {
    const kind = options?.invocationType === "DryRun" ? "dryRun" : "invoke";
    const error = refuse[kind]?.(++calls[kind]);
    return error === undefined ? target.invoke(fn, event, options) : Promise.reject(error);
  };
  return new Proxy(target, {
    get(t, key) {
      if (key === "invoke") return invoke;
      const value: unknown = Reflect.get(t, key, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

describe("invokeWithColdStartCompensation", () => {
  it("reports a cold start with its init duration, then a warm call, and confirms the payload in the logs", async () => {
    await using cloud = await simulate(app, { seed: 2 });
    const first = await invokeWithColdStartCompensation(
      cloud,
      "record",
      { id: "c-1" },
      { confirmInLogs: "saving c-1" },
    );
    expect(first).toMatchObject({
      cold: true,
      initDurationMs: 4000,
      attempts: 1,
      waitedMs: 0,
      payload: { saved: "c-1" },
    });
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

  it("waits out a function that is not found yet, Pending or Inactive, then invokes it once", async () => {
    await using cloud = await simulate(app, { seed: 5 });
    const notYet = [
      new ResourceNotFoundException({ message: "Function not found", ...meta }),
      new ResourceConflictException({
        message: "The function is currently in the following state: Pending",
        ...meta,
      }),
    ];
    const target = refusing(cloud, {
      dryRun: (n) => notYet[n - 1],
      invoke: (n) => (n === 1 ? new ResourceNotReadyException({ message: "inactive", ...meta }) : undefined),
    });
    const result = await invokeWithColdStartCompensation(target, "record", { id: "p-1" });
    expect(result).toMatchObject({ cold: true, attempts: 2, payload: { saved: "p-1" } });
    expect(result.waitedMs).toBeGreaterThan(0);
    expect(await cloud.scan("Records")).toEqual([{ id: "p-1", note: "direct" }]);
  });

  it("does not retry a refusal that is not about readiness", async () => {
    await using cloud = await simulate(app, { seed: 6 });
    const denied = Object.assign(new Error("not authorized to perform lambda:InvokeFunction"), {
      name: "AccessDeniedException",
    });
    const target = refusing(cloud, { dryRun: () => denied });
    await expect(invokeWithColdStartCompensation(target, "record", { id: "d-1" })).rejects.toBe(denied);
    expect(await cloud.scan("Records")).toEqual([]);
  });

  it("spends one deadline over the DryRun and the invocation's retries", async () => {
    await using cloud = await simulate(app, { seed: 7 });
    const waits: number[] = [];
    const target = refusing(cloud, {
      dryRun: (n) => (n <= 5 ? new ResourceNotFoundException({ message: "not yet", ...meta }) : undefined),
      invoke: () => new TooManyRequestsException({ message: "Rate Exceeded.", ...meta }),
    });
    const error = await invokeWithColdStartCompensation(
      target,
      "record",
      { id: "x" },
      { timeoutMs: 3_000, wait: async (ms) => void waits.push(ms) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventuallyTimeoutError);
    expect((error as Error).message).toMatch(/^invoking record did not pass within \d+ ms .*Rate Exceeded/);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(3_000);
  });

  it("does not retry a function that does not exist for ever: it is not in the app", async () => {
    await using cloud = await simulate(app, { seed: 3 });
    await expect(invokeWithColdStartCompensation(cloud, "nope", {})).rejects.toThrow(
      /has no function "nope"/,
    );
  });
});

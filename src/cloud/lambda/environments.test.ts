import { describe, expect, it } from "vitest";
import type { InvokeOutcome } from "./invoker.ts";
import { lambdaWorld } from "./testing/lambda-world.ts";

const counter = {
  name: "counter",
  handler: "counter-handler.ts#handler",
  environment: { TABLE: "pr-1-Inventory" },
  coldStartMs: { minMs: 300, maxMs: 300 },
};

type Result = Record<string, unknown>;

function resultOf(outcome: InvokeOutcome): Result {
  if (outcome.kind !== "success") throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome.result as Result;
}

function inits(): number {
  return (globalThis as { __squallCounterProbe?: { inits: number } }).__squallCounterProbe?.inits ?? 0;
}

describe("execution environments", () => {
  it("runs init once per environment, keeps module state per environment, on virtual time", async () => {
    using world = lambdaWorld([counter]);
    const { sim, lambda } = world;
    const before = inits();
    const invoke = (id: string) => lambda.invoke({ functionName: "counter", event: { id }, trigger: "test" });
    const [a, b] = await sim.run(() => Promise.all([invoke("a"), invoke("b")]));
    const c = await sim.run(() => invoke("c"));
    expect(inits() - before).toBe(2);
    expect(lambda.metrics("counter").coldStarts).toBe(2);
    // Two concurrent invokes: two environments, each with its own counter.
    expect([resultOf(a).invocations, resultOf(b).invocations]).toEqual([1, 1]);
    expect(resultOf(c).invocations).toBe(2);
    // Top-level Date.now() saw the simulation's start, not the wall clock.
    expect(resultOf(a).initAtMs).toBe(Date.UTC(2025, 0, 1));
    // The handler started after the 300 ms init.
    expect(resultOf(a).nowMs).toBe(Date.UTC(2025, 0, 1) + 300);
    expect(resultOf(a).initFunctionName).toBe("counter");
  });

  it("reuses the most recently used environment and reaps idle ones", async () => {
    using world = lambdaWorld([counter], { idleReapMs: { minMs: 60_000, maxMs: 60_000 } });
    const { sim, lambda } = world;
    const invoke = (id: string) => lambda.invoke({ functionName: "counter", event: { id }, trigger: "test" });
    const [a, b] = await sim.run(() => Promise.all([invoke("a"), invoke("b")]));
    await sim.advance(1_000);
    const c = await sim.run(() => invoke("c"));
    // b's environment finished last (its environment is the second one): c runs there.
    expect(resultOf(c).logStreamName).toBe(resultOf(b).logStreamName);
    expect(resultOf(c).logStreamName).not.toBe(resultOf(a).logStreamName);
    expect(lambda.environments("counter")).toEqual({ alive: 2, idle: 2 });
    await sim.advance(59_500);
    expect(lambda.environments("counter").alive).toBe(1);
    await sim.advance(1_000);
    expect(lambda.environments("counter").alive).toBe(0);
    await sim.run(() => invoke("d"));
    expect(lambda.metrics("counter").coldStarts).toBe(3);
  });

  it("initialises provisioned environments ahead: no cold start on the first invokes", async () => {
    using world = lambdaWorld([{ ...counter, provisionedConcurrency: 2, reservedConcurrency: 5 }]);
    const { sim, lambda } = world;
    const before = inits();
    await sim.runUntilIdle();
    expect(inits() - before).toBe(2);
    const invoke = (id: string) => lambda.invoke({ functionName: "counter", event: { id }, trigger: "test" });
    const [a] = await sim.run(() => Promise.all([invoke("a"), invoke("b")]));
    expect(lambda.metrics("counter").coldStarts).toBe(0);
    expect(resultOf(a).nowMs).toBe(Date.UTC(2025, 0, 1));
    await sim.advance(24 * 3600_000);
    expect(lambda.environments("counter").alive).toBe(2);
  });

  it("scopes process.env to the environment and sets Lambda's variables", async () => {
    using world = lambdaWorld([counter]);
    const { sim, lambda } = world;
    const outcome = await sim.run(() =>
      lambda.invoke({ functionName: "counter", event: { id: "x1" }, trigger: "t" }),
    );
    const result = resultOf(outcome);
    expect(result.table).toBe("pr-1-Inventory");
    expect(result.region).toBe("us-east-1");
    expect(result.lastId).toBe("x1");
    expect(process.env.TABLE).toBeUndefined();
    expect(process.env.LAST_ID).toBeUndefined();
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
  });

  it("passes the context object Node's runtime passes", async () => {
    using world = lambdaWorld([{ ...counter, memorySizeMb: 512, timeoutSeconds: 10 }]);
    const { sim, lambda } = world;
    const outcome = await sim.run(() => lambda.invoke({ functionName: "counter", event: {}, trigger: "t" }));
    const result = resultOf(outcome);
    expect(result).toMatchObject({
      requestId: outcome.kind === "success" ? outcome.requestId : "",
      functionName: "counter",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:counter",
      memoryLimitInMB: "512",
      logGroupName: "/aws/lambda/counter",
      remainingMs: 10_000,
    });
    expect(result.logStreamName).toMatch(/^2025\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(result.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("is deterministic: same seed, same init durations and request ids", async () => {
    const run = async (seed: number) => {
      using world = lambdaWorld([{ name: "counter", handler: "counter-handler.ts#handler" }], { seed });
      const { sim, lambda } = world;
      const invoke = (id: string) => lambda.invoke({ functionName: "counter", event: { id }, trigger: "t" });
      const ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
      const outcomes = await sim.run(() => Promise.all(ids.map(invoke)));
      await sim.run(() => Promise.all(ids.map(invoke)));
      // The second wave reuses environments in an order that depends only on the seed.
      const streams = lambda.logs.search({ text: "START" }).map((e) => e.logStreamName);
      return [
        outcomes.map((o) => [resultOf(o).requestId, resultOf(o).nowMs]),
        streams,
        sim.trace.fingerprint(),
      ];
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
  });
});

describe("process.env inside environments", () => {
  it("enumerates, tests and deletes within the environment only", async () => {
    using world = lambdaWorld([
      { name: "envy", handler: "env-handler.ts#handler", environment: { TABLE: "pr-1-Orders" } },
    ]);
    const { sim, lambda } = world;
    const invoke = (event: object) => lambda.invoke({ functionName: "envy", event, trigger: "t" });
    const removed = resultOf(await sim.run(() => invoke({ remove: "TABLE" })));
    expect(removed).toMatchObject({ before: "pr-1-Orders", after: null, hasTable: false, spread: "envy" });
    expect(removed.keys).toEqual(["AWS_LAMBDA_FUNCTION_NAME"]);
    // A second, concurrent environment still has it; the first one keeps its own deletion.
    const [warm, fresh] = await sim.run(() => Promise.all([invoke({}), invoke({})]));
    expect([resultOf(warm).hasTable, resultOf(fresh).hasTable]).toEqual([false, true]);
    expect(process.env.TABLE).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { lambdaWorld } from "./testing/lambda-world.ts";
import { afterwards } from "./testing/sleepy-handler.ts";

const sleepy = {
  name: "sleepy",
  handler: "sleepy-handler.ts#handler",
  timeoutSeconds: 3,
  coldStartMs: { minMs: 100, maxMs: 100 },
};

describe("timeouts", () => {
  it("fails the invocation with Lambda's timeout error at the virtual deadline", async () => {
    using world = lambdaWorld([sleepy]);
    const { sim, lambda } = world;
    const outcome = await sim.run(() =>
      lambda.invoke({ functionName: "sleepy", event: { sleepMs: 5_000 }, trigger: "t" }),
    );
    expect(outcome).toMatchObject({ kind: "function-error", errorType: "Sandbox.Timedout", timedOut: true });
    if (outcome.kind !== "function-error") return;
    expect(outcome.errorMessage).toBe(
      `RequestId: ${outcome.requestId} Error: Task timed out after 3.00 seconds`,
    );
    expect(sim.nowMs()).toBe(Date.UTC(2025, 0, 1) + 100 + 3_000);
    const metrics = lambda.metrics("sleepy");
    expect([metrics.timeouts, metrics.errors]).toEqual([1, 1]);
    const lines = lambda.logs.search({ requestId: outcome.requestId }).map((e) => e.message);
    expect(lines.at(-3)).toMatch(
      /^2025-01-01T00:00:03\.100Z [0-9a-f-]{36} Task timed out after 3\.00 seconds$/,
    );
    expect(lines.at(-1)).toMatch(/Duration: 3000\.00 ms\t.*Init Duration: 100\.00 ms\tStatus: timeout\t$/);
  });

  it("discards the environment; what the handler still does runs frozen and leaves no trace", async () => {
    using world = lambdaWorld([sleepy]);
    const { sim, lambda } = world;
    afterwards.length = 0;
    const outcome = await sim.run(() =>
      lambda.invoke({ functionName: "sleepy", event: { sleepMs: 5_000 }, trigger: "t" }),
    );
    expect(lambda.environments("sleepy").alive).toBe(0);
    const logged = lambda.logs.all().length;
    await sim.runUntilIdle();
    // The handler woke up after its environment was discarded: frozen, and its log went nowhere.
    expect(afterwards).toEqual([{ frozen: true, atMs: Date.UTC(2025, 0, 1) + 5_100 }]);
    expect(lambda.logs.all()).toHaveLength(logged);
    expect(lambda.logs.search({ text: "woke up" })).toEqual([]);
    expect(outcome.kind).toBe("function-error");
    // The next invocation needs a new environment.
    await sim.run(() => lambda.invoke({ functionName: "sleepy", event: { sleepMs: 10 }, trigger: "t" }));
    expect(lambda.metrics("sleepy").coldStarts).toBe(2);
    expect(afterwards.at(-1)?.frozen).toBe(false);
  });

  it("a handler that finishes in time is not frozen and its environment stays warm", async () => {
    using world = lambdaWorld([sleepy]);
    const { sim, lambda } = world;
    const outcome = await sim.run(() =>
      lambda.invoke({ functionName: "sleepy", event: { sleepMs: 2_999 }, trigger: "t" }),
    );
    expect(outcome).toMatchObject({ kind: "success", result: { sleptMs: 2_999 } });
    expect(lambda.environments("sleepy")).toEqual({ alive: 1, idle: 1 });
  });
});

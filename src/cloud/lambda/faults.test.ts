import { describe, expect, it } from "vitest";
import { SquallError } from "../../core/errors.ts";
import { AwsServiceError } from "../aws-error.ts";
import type { LambdaFunctionDefinition } from "./definition.ts";
import type { LambdaFaultOptions } from "./faults.ts";
import { lambdaWorld } from "./testing/lambda-world.ts";
import { afterwards } from "./testing/sleepy-handler.ts";

const START_MS = Date.UTC(2025, 0, 1);
const sleepy = (name = "sleepy", extra: Partial<LambdaFunctionDefinition> = {}) => ({
  name,
  handler: "sleepy-handler.ts#handler",
  timeoutSeconds: 3,
  coldStartMs: { minMs: 100, maxMs: 100 },
  ...extra,
});

function world(faults: LambdaFaultOptions, functions = [sleepy()], seed = 1) {
  afterwards.length = 0;
  return lambdaWorld(functions, { faults, seed });
}

const linesOf = (w: ReturnType<typeof world>, requestId: string) =>
  w.lambda.logs.search({ requestId }).map((event) => event.message);

describe("Lambda's crash-after-side-effect fault", () => {
  it("kills the runtime after the handler's effects landed: Runtime.ExitError, its log lines, a lost environment", async () => {
    using w = world({ crashAfterSideEffectProbability: 1 });
    const { sim, lambda } = w;
    const outcome = await sim.run(() =>
      lambda.invoke({ functionName: "sleepy", event: { sleepMs: 200 }, trigger: "t" }),
    );
    expect(outcome).toMatchObject({
      kind: "function-error",
      errorType: "Runtime.ExitError",
      timedOut: false,
    });
    if (outcome.kind !== "function-error") return;
    const { requestId } = outcome;
    expect(outcome.errorMessage).toBe(
      `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
    );
    // The handler finished, unfrozen, before the process died at that same moment.
    expect(afterwards).toEqual([{ frozen: false, atMs: START_MS + 300 }]);
    expect(sim.nowMs()).toBe(START_MS + 300);
    const lines = linesOf(w, requestId);
    expect(lines.slice(-4)).toEqual([
      `END RequestId: ${requestId}`,
      expect.stringMatching(/^REPORT RequestId: \S+\tDuration: 200\.00 ms\t.*Init Duration: 100\.00 ms\t$/),
      `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
      "Runtime.ExitError",
    ]);
    expect(lines.some((line) => line.includes("Invoke Error"))).toBe(false);
    expect(lambda.environments("sleepy")).toEqual({ alive: 0, idle: 0 });
    expect(lambda.metrics("sleepy").errors).toBe(1);
    const spans = sim.trace.all();
    const invocation = spans.find((span) => span.kind === "invocation");
    expect(invocation?.error).toMatch(/^Runtime\.ExitError: RequestId: /);
    const fault = spans.find((span) => span.name === "fault.lambda.crashAfterSideEffect");
    expect(fault?.parentId).toBe(invocation?.id);
    // Faults off: the next invocation needs a new environment, and succeeds.
    lambda.setFaults({});
    const next = await sim.run(() =>
      lambda.invoke({ functionName: "sleepy", event: { sleepMs: 1 }, trigger: "t" }),
    );
    expect(next.kind).toBe("success");
    expect(lambda.metrics("sleepy").coldStarts).toBe(2);
  });

  it("crashes a handler that failed on its own too, and draws no timeout once the crash fired", async () => {
    using w = world({ crashAfterSideEffectProbability: 1, timeoutProbability: 1 });
    const outcome = await w.sim.run(() =>
      w.lambda.invoke({ functionName: "sleepy", event: { sleepMs: 5, fail: "boom" }, trigger: "t" }),
    );
    expect(outcome).toMatchObject({ kind: "function-error", errorType: "Runtime.ExitError" });
    const labels = w.sim.choices.recording().choices.map((c) => c.label);
    expect(labels.filter((label) => label.startsWith("fault."))).toEqual([
      "fault.lambda.crashAfterSideEffect.sleepy",
    ]);
  });
});

describe("Lambda's timeout fault", () => {
  it("lets the handler's work land, then fails at the configured timeout as a real timeout does", async () => {
    using w = world({ timeoutProbability: 1 });
    const { sim, lambda } = w;
    const outcome = await sim.run(() =>
      lambda.invoke({ functionName: "sleepy", event: { sleepMs: 500 }, trigger: "t" }),
    );
    expect(outcome).toMatchObject({ kind: "function-error", errorType: "Sandbox.Timedout", timedOut: true });
    if (outcome.kind !== "function-error") return;
    expect(outcome.errorMessage).toBe(
      `RequestId: ${outcome.requestId} Error: Task timed out after 3.00 seconds`,
    );
    expect(afterwards).toEqual([{ frozen: false, atMs: START_MS + 600 }]);
    // The invocation lasted its whole timeout in virtual time.
    expect(sim.nowMs()).toBe(START_MS + 100 + 3_000);
    const lines = linesOf(w, outcome.requestId);
    expect(lines.at(-3)).toMatch(/^2025-01-01T00:00:03\.100Z \S+ Task timed out after 3\.00 seconds$/);
    expect(lines.at(-1)).toMatch(/Duration: 3000\.00 ms\t.*Status: timeout\t$/);
    expect(lambda.environments("sleepy").alive).toBe(0);
    expect(lambda.metrics("sleepy").timeouts).toBe(1);
  });
});

describe("Lambda's throttle fault", () => {
  it("takes the exhausted-concurrency path: nothing runs, the reason names the kind of limit", async () => {
    using w = world({ throttleProbability: 1 }, [sleepy(), sleepy("reserved", { reservedConcurrency: 5 })]);
    const { sim, lambda } = w;
    const invoke = (functionName: string) =>
      lambda.invoke({ functionName, event: { sleepMs: 1 }, trigger: "t" });
    expect(await sim.run(() => invoke("sleepy"))).toEqual({
      kind: "throttled",
      reason: "ConcurrentInvocationLimitExceeded",
    });
    expect(await sim.run(() => invoke("reserved"))).toEqual({
      kind: "throttled",
      reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
    });
    expect(afterwards).toEqual([]);
    expect(sim.trace.all().filter((span) => span.kind === "invocation")).toEqual([]);
    expect(lambda.metrics()).toMatchObject({ throttles: 2, invocations: 0 });
    const error = await sim.run(async () => {
      try {
        await lambda.handle("Invoke", { FunctionName: "sleepy", Payload: "{}" });
      } catch (e) {
        return e;
      }
      return undefined;
    });
    expect(error).toBeInstanceOf(AwsServiceError);
    const e = error as AwsServiceError;
    expect([e.code, e.statusCode, e.fields.Reason]).toEqual([
      "TooManyRequestsException",
      429,
      "ConcurrentInvocationLimitExceeded",
    ]);
  });

  it("applies a function's own knobs over the common ones", async () => {
    using w = world({ throttleProbability: 1, functions: { b: { throttleProbability: 0 } } }, [
      sleepy("a"),
      sleepy("b"),
    ]);
    const outcomes = await w.sim.run(() =>
      Promise.all(
        ["a", "b"].map((functionName) =>
          w.lambda.invoke({ functionName, event: { sleepMs: 1 }, trigger: "t" }),
        ),
      ),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(["throttled", "success"]);
  });
});

describe("Lambda's cold-start fault", () => {
  it("draws every init duration from the range, shown in the REPORT line and the trace", async () => {
    using w = world({ coldStartMsMin: 2_000, coldStartMsMax: 2_500 });
    const { sim, lambda } = w;
    // Concurrent invocations: each needs an environment of its own.
    await sim.run(() =>
      Promise.all(
        Array.from({ length: 8 }, () =>
          lambda.invoke({ functionName: "sleepy", event: { sleepMs: 10 }, trigger: "t" }),
        ),
      ),
    );
    const reported = lambda.logs
      .search({ text: "REPORT" })
      .map((event) => Number(/Init Duration: ([\d.]+) ms/.exec(event.message)?.[1]));
    expect(reported).toHaveLength(8);
    for (const ms of reported) expect(ms >= 2_000 && ms <= 2_500).toBe(true);
    expect(new Set(reported).size).toBeGreaterThan(1);
    const spans = sim.trace.all().filter((span) => span.kind === "invocation");
    expect(spans.map((span) => span.attributes.initDurationMs).sort()).toEqual([...reported].sort());
    expect(sim.faultCoverage().get("lambda.coldStart")).toEqual({ consulted: 8, fired: 8 });
    // The runtime's own model drew nothing.
    expect(sim.choices.recording().choices.some((c) => c.label.startsWith("lambda.sleepy.coldStart"))).toBe(
      false,
    );
  });
});

describe("Lambda fault knobs", () => {
  it("decide in a fixed order: throttle, crash, timeout, cold start", async () => {
    using w = world({
      throttleProbability: 1e-6,
      crashAfterSideEffectProbability: 1e-6,
      timeoutProbability: 1e-6,
      coldStartMsMax: 300,
    });
    await w.sim.run(() => w.lambda.invoke({ functionName: "sleepy", event: { sleepMs: 1 }, trigger: "t" }));
    const labels = w.sim.choices.recording().choices.map((c) => c.label);
    expect(labels.filter((label) => label.startsWith("fault."))).toEqual([
      "fault.lambda.throttle.sleepy",
      "fault.lambda.crashAfterSideEffect.sleepy",
      "fault.lambda.timeout.sleepy",
      "fault.lambda.coldStart.sleepy",
    ]);
  });

  it("draw nothing when off, so a run's choices stay exactly as without them", async () => {
    const run = async (faults: LambdaFaultOptions | undefined) => {
      afterwards.length = 0;
      using w = lambdaWorld([sleepy()], faults === undefined ? { seed: 3 } : { faults, seed: 3 });
      await w.sim.run(() =>
        Promise.all(
          [5, 10].map((sleepMs) =>
            w.lambda.invoke({ functionName: "sleepy", event: { sleepMs }, trigger: "t" }),
          ),
        ),
      );
      return { choices: w.sim.choices.recording().choices, coverage: w.sim.faultCoverage().size };
    };
    const without = await run(undefined);
    expect(without.choices.length).toBeGreaterThan(0);
    for (const faults of [
      {},
      {
        throttleProbability: 0,
        crashAfterSideEffectProbability: 0,
        timeoutProbability: 0,
        coldStartMsMax: 0,
      },
      { throttleProbability: 1, functions: { sleepy: { throttleProbability: 0 } } },
    ])
      expect(await run(faults)).toEqual(without);
  });

  it("are checked: a bad knob, a range without its top, a function the service does not run", () => {
    using w = world({});
    expect(() => w.lambda.setFaults({ timeoutProbability: 2 })).toThrow(/Lambda fault timeoutProbability/);
    expect(() => w.lambda.setFaults({ coldStartMsMin: 100 })).toThrow(
      /coldStartMsMin \(100\) needs a coldStartMsMax/,
    );
    expect(() => w.lambda.setFaults({ functions: { nope: { throttleProbability: 1 } } })).toThrow(
      SquallError,
    );
    expect(() => w.lambda.setFaults({ functions: { nope: {} } })).toThrow(
      /functions\.nope names no function/,
    );
  });
});

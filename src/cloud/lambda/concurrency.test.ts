import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../aws-error.ts";
import { lambdaWorld } from "./testing/lambda-world.ts";

const sleepy = (name: string, reservedConcurrency?: number) => ({
  name,
  handler: "sleepy-handler.ts#handler",
  coldStartMs: { minMs: 50, maxMs: 50 },
  ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
});

describe("concurrency", () => {
  it("throttles beyond a function's reserved concurrency", async () => {
    using world = lambdaWorld([sleepy("capped", 2)]);
    const { sim, lambda } = world;
    const invoke = () => lambda.invoke({ functionName: "capped", event: { sleepMs: 100 }, trigger: "t" });
    const outcomes = await sim.run(() => Promise.all([invoke(), invoke(), invoke()]));
    expect(outcomes.map((o) => o.kind)).toEqual(["success", "success", "throttled"]);
    expect(outcomes[2]).toEqual({
      kind: "throttled",
      reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
    });
    expect(lambda.metrics("capped").throttles).toBe(1);
    // Once they finish, capacity is back.
    const later = await sim.run(() => invoke());
    expect(later.kind).toBe("success");
  });

  it("throttles functions without a reservation at the account limit, sparing reserved ones", async () => {
    using world = lambdaWorld([sleepy("a"), sleepy("b"), sleepy("reserved", 2)], {
      accountConcurrencyLimit: 5,
    });
    const { sim, lambda } = world;
    const invoke = (functionName: string) =>
      lambda.invoke({ functionName, event: { sleepMs: 100 }, trigger: "t" });
    const outcomes = await sim.run(() =>
      Promise.all([
        invoke("a"),
        invoke("b"),
        invoke("a"),
        invoke("b"),
        invoke("reserved"),
        invoke("reserved"),
      ]),
    );
    expect(outcomes.map((o) => o.kind)).toEqual([
      "success",
      "success",
      "success",
      "throttled",
      "success",
      "success",
    ]);
    expect(outcomes[3]).toEqual({ kind: "throttled", reason: "ConcurrentInvocationLimitExceeded" });
  });

  it("answers a throttled Invoke with TooManyRequestsException and its Reason", async () => {
    using world = lambdaWorld([sleepy("zero", 0)]);
    const { sim, lambda } = world;
    const error = await sim.run(async () => {
      try {
        await lambda.handle("Invoke", {
          FunctionName: "zero",
          Payload: new TextEncoder().encode('{"sleepMs":1}'),
        });
        return undefined;
      } catch (e) {
        return e;
      }
    });
    expect(error).toBeInstanceOf(AwsServiceError);
    const e = error as AwsServiceError;
    expect([e.code, e.message, e.statusCode, e.throttling]).toEqual([
      "TooManyRequestsException",
      "Rate Exceeded.",
      429,
      true,
    ]);
    expect(e.fields).toEqual({ Reason: "ReservedFunctionConcurrentInvocationLimitExceeded", Type: "User" });
  });

  it("rejects reservations that leave too little unreserved concurrency", () => {
    expect(() => lambdaWorld([sleepy("big", 950)])).toThrow(
      /reserve 950 concurrent executions, but the account limit 1000 must keep 100 unreserved/,
    );
  });
});

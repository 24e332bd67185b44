import { afterEach, describe, expect, it, vi } from "vitest";
import { lambdaContext } from "./lambda-context.ts";
import { sequentialIds } from "./options.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("lambdaContext", () => {
  it("has the fields Lambda gives a Node.js handler", () => {
    const context = lambdaContext({ ids: sequentialIds(), nowMs: () => Date.UTC(2026, 0, 15) });
    expect(context).toMatchObject({
      callbackWaitsForEmptyEventLoop: true,
      functionName: "squall-function",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:squall-function",
      memoryLimitInMB: "128",
      awsRequestId: "00000000-0000-4000-8000-000000000001",
      logGroupName: "/aws/lambda/squall-function",
      logStreamName: "2026/01/15/[$LATEST]00000000000040008000000000000002",
    });
    expect(context).not.toHaveProperty("identity");
  });

  it("lets options win and qualifies the invoked ARN", () => {
    const context = lambdaContext({
      functionName: "reserveStock",
      qualifier: "live",
      memoryLimitInMB: 1024,
      region: "eu-west-1",
      awsRequestId: "req-1",
    });
    expect(context.invokedFunctionArn).toBe(
      "arn:aws:lambda:eu-west-1:123456789012:function:reserveStock:live",
    );
    expect(context.memoryLimitInMB).toBe("1024");
    expect(context.awsRequestId).toBe("req-1");
  });

  it("counts the remaining time down from the timeout on Date.now (fake timers)", () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 15) });
    const context = lambdaContext();
    expect(context.getRemainingTimeInMillis()).toBe(3000);
    vi.advanceTimersByTime(1200);
    expect(context.getRemainingTimeInMillis()).toBe(1800);
    vi.advanceTimersByTime(5000);
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it("counts down on an injected clock", () => {
    let nowMs = 1_000;
    const context = lambdaContext({ timeoutMs: 10_000, nowMs: () => nowMs });
    nowMs += 2_500;
    expect(context.getRemainingTimeInMillis()).toBe(7_500);
  });

  it("rejects the deprecated callback helpers with a clear error", () => {
    const context = lambdaContext();
    expect(() => context.succeed("ok")).toThrow(
      /context\.succeed\(\) is one of Lambda's deprecated callback helpers/,
    );
    expect(() => context.fail("no")).toThrow(/context\.fail\(\)/);
    expect(() => context.done()).toThrow(/context\.done\(\)/);
  });
});

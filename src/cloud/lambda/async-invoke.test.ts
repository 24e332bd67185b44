import { describe, expect, it } from "vitest";
import type { LambdaFunctionDefinition } from "./definition.ts";
import type { DestinationEndpoints } from "./destinations.ts";
import { lambdaWorld } from "./testing/lambda-world.ts";

const QUEUE = "arn:aws:sqs:us-east-1:123456789012:failures";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:dead-letters";

function recordingEndpoints() {
  const sent: { kind: string; arn: string; body: string; attributes: Readonly<Record<string, string>> }[] =
    [];
  const endpoints: DestinationEndpoints = {
    sendToQueue: (arn, body, attributes) => sent.push({ kind: "sqs", arn, body, attributes }),
    publishToTopic: (arn, body, attributes) => sent.push({ kind: "sns", arn, body, attributes }),
  };
  return { sent, endpoints };
}

const failing = (extra: Partial<LambdaFunctionDefinition> = {}): LambdaFunctionDefinition => ({
  name: "failing",
  handler: "sleepy-handler.ts#handler",
  coldStartMs: { minMs: 50, maxMs: 50 },
  onFailureDestinationArn: QUEUE,
  ...extra,
});

describe("asynchronous invocation", () => {
  it("retries a failing event twice, one then two minutes apart, then sends the failure record", async () => {
    const { sent, endpoints } = recordingEndpoints();
    using world = lambdaWorld([failing({ deadLetterTargetArn: TOPIC })], { destinations: endpoints });
    const { sim, lambda } = world;
    const start = sim.nowMs();
    await sim.run(() =>
      lambda.invokeAsync({
        functionName: "failing",
        event: { sleepMs: 1, fail: "no stock" },
        trigger: "sns",
      }),
    );
    await sim.runUntilIdle();
    const starts = lambda.logs.search({ text: "START RequestId" });
    expect(starts.map((e) => e.timestampMs - start)).toEqual([50, 60_051, 180_052]);
    expect(new Set(starts.map((e) => e.requestId)).size).toBe(1);
    const spans = sim.trace.all().filter((s) => s.kind === "invocation");
    expect(spans.map((s) => [s.attributes.attempt, s.attributes.trigger, s.status])).toEqual([
      [1, "sns", "error"],
      [2, "sns", "error"],
      [3, "sns", "error"],
    ]);
    expect(lambda.metrics("failing")).toMatchObject({
      invocations: 3,
      errors: 3,
      asyncRetries: 2,
      asyncFailures: 1,
    });
    expect(sent.map((s) => [s.kind, s.arn])).toEqual([
      ["sqs", QUEUE],
      ["sns", TOPIC],
    ]);
    const record = JSON.parse(sent[0]?.body ?? "{}") as Record<string, unknown>;
    const requestId = starts[0]?.requestId;
    expect(record).toMatchObject({
      version: "1.0",
      timestamp: new Date(start + 180_053).toISOString(),
      requestContext: {
        requestId,
        functionArn: "arn:aws:lambda:us-east-1:123456789012:function:failing:$LATEST",
        condition: "RetriesExhausted",
        approximateInvokeCount: 3,
      },
      requestPayload: { sleepMs: 1, fail: "no stock" },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      responsePayload: { errorType: "Error", errorMessage: "no stock" },
    });
    expect(JSON.parse(sent[1]?.body ?? "")).toEqual({ sleepMs: 1, fail: "no stock" });
    expect(sent[1]?.attributes).toEqual({ RequestID: requestId, ErrorCode: "200", ErrorMessage: "no stock" });
  });

  it("honours MaximumRetryAttempts and gives up an event older than MaximumEventAge", async () => {
    const { sent, endpoints } = recordingEndpoints();
    using world = lambdaWorld([failing({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 })], {
      destinations: endpoints,
    });
    const { sim, lambda } = world;
    await sim.run(() =>
      lambda.invokeAsync({ functionName: "failing", event: { sleepMs: 1, fail: "x" }, trigger: "t" }),
    );
    await sim.runUntilIdle();
    expect(lambda.metrics("failing").invocations).toBe(1);
    const record = JSON.parse(sent[0]?.body ?? "{}") as { requestContext: Record<string, unknown> };
    expect(record.requestContext).toMatchObject({ condition: "EventAgeExceeded", approximateInvokeCount: 1 });
  });

  it("runs a successful event once and sends nothing", async () => {
    const { sent, endpoints } = recordingEndpoints();
    using world = lambdaWorld([failing({ maximumRetryAttempts: 0 })], { destinations: endpoints });
    const { sim, lambda } = world;
    await sim.run(() => lambda.invokeAsync({ functionName: "failing", event: { sleepMs: 5 }, trigger: "t" }));
    await sim.runUntilIdle();
    expect(lambda.metrics("failing")).toMatchObject({ invocations: 1, errors: 0, asyncFailures: 0 });
    expect(sent).toEqual([]);
  });

  it("keeps a throttled event queued with back-off until its age runs out", async () => {
    const { sent, endpoints } = recordingEndpoints();
    using world = lambdaWorld([failing({ reservedConcurrency: 0, maximumEventAgeSeconds: 60 })], {
      destinations: endpoints,
    });
    const { sim, lambda } = world;
    await sim.run(() => lambda.invokeAsync({ functionName: "failing", event: { sleepMs: 1 }, trigger: "t" }));
    await sim.runUntilIdle();
    // Throttled at 0, 1, 3, 7, 15, 31 s; the next try at 63 s is past the 60 s age.
    expect(lambda.metrics("failing").throttles).toBe(6);
    const record = JSON.parse(sent[0]?.body ?? "{}") as Record<string, unknown>;
    expect(record.requestContext).toMatchObject({ condition: "EventAgeExceeded", approximateInvokeCount: 0 });
    expect(record.responseContext).toBeUndefined();
  });

  it("invokes a Lambda function destination with the record", async () => {
    using world = lambdaWorld([
      failing({
        maximumRetryAttempts: 0,
        onFailureDestinationArn: "arn:aws:lambda:us-east-1:123456789012:function:counter",
      }),
      { name: "counter", handler: "counter-handler.ts#handler" },
    ]);
    const { sim, lambda } = world;
    await sim.run(() =>
      lambda.invokeAsync({ functionName: "failing", event: { sleepMs: 1, fail: "y" }, trigger: "t" }),
    );
    await sim.runUntilIdle();
    expect(lambda.metrics("counter").invocations).toBe(1);
    expect(lambda.logs.search({ functionName: "counter", text: "START" })).toHaveLength(1);
  });
});

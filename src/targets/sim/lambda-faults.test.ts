import { TooManyRequestsException } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import { tableName } from "../../app/refs.ts";
import { switchFaultsOff } from "./apply-faults.ts";
import { simulate } from "./simulated-cloud.ts";

const env = { TABLE_NAME: tableName("Records") };
const app = defineApp({
  name: "lambdafaults",
  root: import.meta.dirname,
  tables: {
    Records: { partitionKey: { name: "id", type: "S" } },
    Watched: { partitionKey: { name: "id", type: "S" }, stream: "KEYS_ONLY" },
  },
  queues: { Inbox: { visibilityTimeoutSeconds: 30 } },
  topics: { Notes: { subscriptions: [{ function: "fromTopic" }] } },
  functions: {
    record: { handler: "testing/handlers.ts#record", environment: env },
    fromTopic: { handler: "testing/handlers.ts#fromTopic", environment: env },
    everyReceive: {
      handler: "testing/fault-handlers.ts#everyReceive",
      environment: env,
      events: [{ queue: "Inbox" }],
    },
    everyStreamBatch: {
      handler: "testing/fault-handlers.ts#everyStreamBatch",
      environment: env,
      events: [{ stream: "Watched" }],
    },
  },
});

const ids = async (cloud: Awaited<ReturnType<typeof simulate>>) =>
  (await cloud.scan("Records")).map((item) => String(item.id)).sort();

describe("Lambda's faults through the simulated cloud", () => {
  it("crash after side effect, SQS: the effect lands, the message comes back after its visibility timeout", async () => {
    await using cloud = await simulate(app, {
      seed: 3,
      faults: { lambda: { crashAfterSideEffectProbability: 1 } },
    });
    const { messageId } = await cloud.sendMessage("Inbox", "order-1");
    // Two receives fit in 40 s with a 30 s visibility timeout; both invocations crash.
    await cloud.advance(40_000);
    expect(await ids(cloud)).toEqual([`${messageId}#1`, `${messageId}#2`]);
    expect(cloud.sqs.peekMessages("Inbox")).toMatchObject([{ messageId, receiveCount: 2 }]);
    expect(cloud.lambda.metrics("everyReceive")).toMatchObject({ invocations: 2, errors: 2, coldStarts: 2 });
    // Faults off (the liveness phase): the third receive is deleted.
    switchFaultsOff(cloud);
    await cloud.settle();
    expect(await ids(cloud)).toEqual([`${messageId}#1`, `${messageId}#2`, `${messageId}#3`]);
    expect(cloud.sqs.peekMessages("Inbox")).toEqual([]);
  });

  it("crash after side effect, sync Invoke: FunctionError Unhandled with Runtime.ExitError, the write landed", async () => {
    await using cloud = await simulate(app, {
      seed: 3,
      faults: { lambda: { crashAfterSideEffectProbability: 1 } },
    });
    const result = await cloud.invoke("record", { id: "a" });
    expect(result.error).toBe("Unhandled");
    expect(result.payload).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(await ids(cloud)).toEqual(["a"]);
  });

  it("crash after side effect, SNS (async invoke): Lambda's two retries, each landing its effect", async () => {
    await using cloud = await simulate(app, {
      seed: 3,
      faults: { lambda: { crashAfterSideEffectProbability: 1 } },
    });
    const startMs = cloud.nowMs();
    await cloud.publish("Notes", "hello");
    await cloud.settle();
    expect(cloud.lambda.metrics("fromTopic")).toMatchObject({
      invocations: 3,
      asyncRetries: 2,
      asyncFailures: 1,
    });
    // One minute, then two, between the attempts.
    expect(cloud.nowMs() - startMs).toBeGreaterThanOrEqual(180_000);
    expect(await ids(cloud)).toHaveLength(1);
  });

  it("crash after side effect, stream: the batch is retried until faults stop", async () => {
    await using cloud = await simulate(app, {
      seed: 3,
      faults: { lambda: { crashAfterSideEffectProbability: 1 } },
    });
    await cloud.putItem("Watched", { id: "w1" });
    await cloud.advance(5_000);
    const crashed = (await ids(cloud)).length;
    expect(crashed).toBeGreaterThanOrEqual(2);
    expect((await cloud.stats()).retries).toBeGreaterThanOrEqual(crashed - 1);
    switchFaultsOff(cloud);
    await cloud.settle();
    expect((await ids(cloud)).length).toBe(crashed + 1);
  });

  it("timeout: the write lands, the invocation fails with Sandbox.Timedout after the function's timeout", async () => {
    await using cloud = await simulate(app, { seed: 3, faults: { lambda: { timeoutProbability: 1 } } });
    const startMs = cloud.nowMs();
    const result = await cloud.invoke("record", { id: "t" });
    expect(result.error).toBe("Unhandled");
    expect(result.payload).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 3.00 seconds`,
    });
    expect(cloud.nowMs() - startMs).toBeGreaterThanOrEqual(3_000);
    expect(await ids(cloud)).toEqual(["t"]);
    const report = await cloud.logs({ functionName: "record", contains: "REPORT" });
    expect(report[0]?.message).toMatch(/Duration: 3000\.00 ms\t.*Status: timeout\t$/);
  });

  it("throttle: a sync Invoke ends in TooManyRequestsException after the SDK's own retries, nothing ran", async () => {
    await using cloud = await simulate(app, { seed: 3, faults: { lambda: { throttleProbability: 1 } } });
    const error = await cloud.invoke("record", { id: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    const throttled = error as TooManyRequestsException;
    expect(throttled.Reason).toBe("ConcurrentInvocationLimitExceeded");
    // The Lambda client's default: three attempts.
    expect(throttled.$metadata.attempts).toBe(3);
    expect(cloud.sim.faultCoverage().get("lambda.throttle")).toEqual({ consulted: 3, fired: 3 });
    expect(await ids(cloud)).toEqual([]);
  });

  it("throttle: an SQS message stays and returns after its visibility timeout", async () => {
    await using cloud = await simulate(app, { seed: 3, faults: { lambda: { throttleProbability: 1 } } });
    const { messageId } = await cloud.sendMessage("Inbox", "order-1");
    await cloud.advance(40_000);
    expect(await ids(cloud)).toEqual([]);
    expect(cloud.sqs.peekMessages("Inbox")).toMatchObject([{ messageId, receiveCount: 2 }]);
    switchFaultsOff(cloud);
    await cloud.settle();
    expect(await ids(cloud)).toEqual([`${messageId}#3`]);
  });

  it("cold start: per function, by the app's logical name", async () => {
    await using cloud = await simulate(app, {
      seed: 3,
      namePrefix: "pr-9",
      faults: { lambda: { functions: { record: { coldStartMsMin: 4_000, coldStartMsMax: 4_000 } } } },
    });
    await cloud.invoke("record", { id: "c" });
    const [report] = await cloud.logs({ functionName: "record", contains: "REPORT" });
    expect(report?.message).toMatch(/Init Duration: 4000\.00 ms/);
    expect(cloud.sim.faultCoverage().get("lambda.coldStart")).toEqual({ consulted: 1, fired: 1 });
  });
});

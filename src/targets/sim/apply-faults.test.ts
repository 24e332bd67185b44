import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import { tableName } from "../../app/refs.ts";
import { FaultPlanError } from "../../faults/fault-plan-error.ts";
import type { FaultPlan } from "../../faults/plan.ts";
import { faultPreset } from "../../faults/presets.ts";
import {
  physicalFunctionFaults,
  physicalTableFaults,
  serviceFaults,
  switchFaultsOff,
} from "./apply-faults.ts";
import { PhysicalNames } from "./names.ts";
import { simulate } from "./simulated-cloud.ts";

const app = defineApp({
  name: "faulty",
  root: import.meta.dirname,
  tables: {
    Records: { partitionKey: { name: "id", type: "S" } },
    Watched: { partitionKey: { name: "id", type: "S" }, stream: "NEW_IMAGE" },
  },
  topics: { Notes: { subscriptions: [{ function: "fromTopic" }] } },
  queues: { Failures: {} },
  functions: {
    fromTopic: {
      handler: "testing/handlers.ts#fromTopic",
      environment: { TABLE_NAME: tableName("Records") },
    },
    rejectStream: {
      handler: "testing/handlers.ts#rejectStream",
      events: [{ stream: "Watched", maximumRetryAttempts: 0, onFailure: { queue: "Failures" } }],
    },
  },
});

/** Publishes a note and writes a watched item: every service with faults gets consulted. */
async function touchEverything(plan: FaultPlan, seed = 7) {
  await using cloud = await simulate(app, { seed, faults: plan });
  await cloud.publish("Notes", "hello");
  await cloud.putItem("Watched", { id: "w1" });
  await cloud.settle();
  return {
    choices: cloud.sim.choices.recording().choices,
    records: (await cloud.scan("Records")).length,
    coverage: new Map(cloud.sim.faultCoverage()),
    faultSpans: cloud.sim.trace
      .all()
      .map((span) => span.name)
      .filter((name) => name.startsWith("fault.")),
  };
}

describe("fault plans in the simulation", () => {
  it("accept the SNS, streams, DynamoDB and Lambda knobs, and refuse half a range by name", () => {
    const plan: FaultPlan = {
      sns: { duplicateNotificationProbability: 0.1, fanOutDelayMsMax: 100 },
      streams: { batchFailureProbability: 0.1, recordDelayMsMax: 100 },
      dynamodb: {
        throttleProbability: 0.1,
        readLagMsMax: 10,
        latencyMsMin: 1,
        latencyMsMax: 5,
        tables: { Records: { throttleProbability: 1 } },
      },
    };
    expect(serviceFaults(plan)).toMatchObject(plan);
    // Every preset applies now, Lambda's faults included.
    for (const preset of ["realistic", "chaos"] as const)
      expect(serviceFaults(faultPreset(preset)).lambda).toEqual(faultPreset(preset).lambda);
    expect(() => serviceFaults({ dynamodb: { latencyMsMin: 5 } })).toThrow(
      /faults\.dynamodb\.latencyMsMin: needs latencyMsMax/,
    );
    expect(() => serviceFaults({ lambda: { functions: { fromTopic: { coldStartMsMin: 5 } } } })).toThrow(
      /faults\.lambda\.functions\.fromTopic\.coldStartMsMin: needs coldStartMsMax/,
    );
  });

  it("apply per-function Lambda faults to the physical functions, refusing a function the app lacks", () => {
    const names = new PhysicalNames(app, { prefix: "pr-7", region: "us-east-1", accountId: "000000000000" });
    expect(
      physicalFunctionFaults(
        { throttleProbability: 0.1, functions: { fromTopic: { timeoutProbability: 1 } } },
        names,
      ),
    ).toEqual({ throttleProbability: 0.1, functions: { "pr-7-fromTopic": { timeoutProbability: 1 } } });
    expect(() => physicalFunctionFaults({ functions: { reserveStock: {} } }, names)).toThrow(
      /faults\.lambda\.functions\.reserveStock: names no function of app "faulty"/,
    );
  });

  it("apply table faults to the physical tables, refusing a table or operation the app lacks", () => {
    const names = new PhysicalNames(app, { prefix: "pr-7", region: "us-east-1", accountId: "000000000000" });
    expect(physicalTableFaults({ tables: { Records: { operations: { PutItem: 0.5 } } } }, names)).toEqual({
      tables: { "pr-7-Records": { operations: { PutItem: 0.5 } } },
    });
    const refusal = (faults: FaultPlan["dynamodb"] & object) => {
      try {
        physicalTableFaults(faults, names);
      } catch (error) {
        return error instanceof FaultPlanError ? error.path : error;
      }
      return undefined;
    };
    expect(refusal({ tables: { Ledger: { throttleProbability: 1 } } })).toBe("faults.dynamodb.tables.Ledger");
    expect(refusal({ tables: { Records: { operations: { DescribeTable: 1 } } } })).toBe(
      "faults.dynamodb.tables.Records.operations.DescribeTable",
    );
  });

  it("leave the choice stream untouched with a plan of zeros", async () => {
    const zeros: FaultPlan = {
      sns: { duplicateNotificationProbability: 0, fanOutDelayMsMax: 0 },
      streams: { batchFailureProbability: 0, recordDelayMsMax: 0 },
      dynamodb: {
        throttleProbability: 0,
        readLagMsMax: 0,
        latencyMsMax: 0,
        tables: { Records: { operations: { PutItem: 0 } } },
      },
      lambda: {
        crashAfterSideEffectProbability: 0,
        timeoutProbability: 0,
        throttleProbability: 0,
        coldStartMsMin: 0,
        coldStartMsMax: 0,
        functions: { fromTopic: { throttleProbability: 0 } },
      },
    };
    const without = await touchEverything({});
    const withZeros = await touchEverything(zeros);
    expect(withZeros.choices).toEqual(without.choices);
    expect(withZeros.coverage.size).toBe(0);
    expect(without.records).toBe(1);
    // Functions ran (cold starts drawn from the runtime's model): there were Lambda draws to disturb.
    expect(without.choices.some((c) => c.label.startsWith("lambda.fromTopic.coldStart"))).toBe(true);
    expect((await touchEverything({ lambda: {} })).choices).toEqual(without.choices);
  });

  it("run the chaos preset, Lambda's faults consulted at every invocation", async () => {
    const run = await touchEverything(faultPreset("chaos"));
    for (const kind of ["lambda.throttle", "lambda.crashAfterSideEffect", "lambda.timeout"])
      expect(run.coverage.get(kind)?.consulted).toBeGreaterThan(0);
  });

  it("throttle a PutItem past the SDK's retries, on virtual time, with the SDK's own exception", async () => {
    await using cloud = await simulate(app, {
      seed: 7,
      faults: { dynamodb: { tables: { Records: { operations: { PutItem: 1 } } } } },
    });
    const startMs = cloud.nowMs();
    const error = await cloud.putItem("Records", { id: "r1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    // The DynamoDB client's default: four attempts.
    expect((error as ProvisionedThroughputExceededException).$metadata.attempts).toBe(4);
    expect(cloud.nowMs()).toBeGreaterThan(startMs);
    expect(cloud.sim.faultCoverage().get("dynamodb.throttle")).toEqual({ consulted: 4, fired: 4 });
    const spans = cloud.sim.trace.all().filter((s) => s.name === "fault.dynamodb.throttle");
    expect(spans.map((s) => s.attributes.where)).toEqual(Array(4).fill("Records.PutItem"));
    expect(await cloud.scan("Records")).toEqual([]);
  });

  it("let the SDK's retries carry a throttled PutItem through", async () => {
    await using cloud = await simulate(app, { seed: 2, faults: { dynamodb: { throttleProbability: 0.5 } } });
    const client = new DynamoDBClient({ maxAttempts: 10 });
    const output = await cloud.run(() =>
      client.send(new PutItemCommand({ TableName: "Records", Item: { id: { S: "r1" } } })),
    );
    const count = cloud.sim.faultCoverage().get("dynamodb.throttle");
    expect(count?.fired).toBeGreaterThan(0);
    expect(output.$metadata.attempts).toBe((count?.fired ?? 0) + 1);
    expect(count?.consulted).toBe(output.$metadata.attempts);
    expect(await cloud.getItem("Records", { id: "r1" })).toEqual({ id: "r1" });
  });

  it("switch every fault off for the liveness phase", async () => {
    const plan: FaultPlan = {
      sns: { duplicateNotificationProbability: 1, fanOutDelayMsMax: 1_000 },
      streams: { batchFailureProbability: 1, recordDelayMsMax: 1_000 },
      dynamodb: { throttleProbability: 1, readLagMsMax: 1_000, latencyMsMin: 10, latencyMsMax: 20 },
      lambda: {
        crashAfterSideEffectProbability: 1,
        timeoutProbability: 1,
        throttleProbability: 1,
        coldStartMsMax: 9_000,
        functions: { fromTopic: { throttleProbability: 1 } },
      },
    };
    await using cloud = await simulate(app, { seed: 7, faults: plan });
    switchFaultsOff(cloud);
    await cloud.publish("Notes", "hello");
    await cloud.putItem("Watched", { id: "w1" });
    await cloud.settle();
    expect(cloud.sim.faultCoverage().size).toBe(0);
    expect(await cloud.scan("Records")).toHaveLength(1);
  });

  it("count and trace each fault that fires in a run", async () => {
    const run = await touchEverything({
      sns: { duplicateNotificationProbability: 1, fanOutDelayMsMax: 1_000 },
      streams: { batchFailureProbability: 1, recordDelayMsMax: 1_000 },
      dynamodb: { readLagMsMax: 1_000, latencyMsMin: 1, latencyMsMax: 20 },
    });
    expect([...run.coverage.keys()].sort()).toEqual([
      "dynamodb.latency",
      "sns.duplicateNotification",
      "sns.fanOutDelay",
      "streams.recordDelay",
    ]);
    expect(run.coverage.get("sns.duplicateNotification")).toEqual({ consulted: 1, fired: 1 });
    // Each fault that fired left a span; rejectStream fails on its own, so no batch was there to fail.
    const fired = [...run.coverage].filter(([, count]) => count.fired > 0).map(([kind]) => `fault.${kind}`);
    expect(new Set(run.faultSpans)).toEqual(new Set(fired));
    expect(run.faultSpans.filter((name) => name === "fault.sns.duplicateNotification")).toHaveLength(1);
  });
});

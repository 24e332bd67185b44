import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import type { InvokeOutcome } from "../invoker.ts";
import type { EventSourceMappingDefinition } from "./definition.ts";
import { createEventSourceMapping } from "./factory.ts";
import { FakeQueue } from "./testing/fake-queue.ts";
import { failed, ok, ScriptedInvoker, throttled } from "./testing/scripted-invoker.ts";

let sim: Simulation | undefined;
afterEach(() => sim?.dispose());

function world(
  script: (event: SQSEvent, call: number) => InvokeOutcome,
  definition: Partial<EventSourceMappingDefinition> = {},
  queueName = "Orders",
) {
  sim = createSimulation({ seed: 1 });
  const queue = new FakeQueue(sim, { name: queueName, visibilityTimeoutSeconds: 30 });
  const invoker = new ScriptedInvoker(sim, (request, call) => script(request.event as SQSEvent, call));
  const mapping = createEventSourceMapping(
    sim,
    invoker,
    { functionName: "reserve", eventSourceArn: queue.arn, ...definition },
    { queues: queue },
  );
  return { sim, queue, invoker, mapping };
}

describe("SqsEventSourceMapping", () => {
  it("hands a batch over in the SQSEvent shape and deletes it on success", async () => {
    const { sim, queue, invoker, mapping } = world(() => ok());
    queue.send("a", {
      attributes: { kind: { DataType: "String", StringValue: "order" } },
      spanId: "span-send",
    });
    queue.send("b");
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(queue.stored).toEqual([]);
    expect(invoker.requests).toHaveLength(1);
    expect(invoker.requests[0]?.links).toEqual(["span-send"]);
    const [record] = (invoker.requests[0]!.event as SQSEvent).Records;
    expect(record).toMatchObject({
      messageId: "m-1",
      body: "a",
      eventSource: "aws:sqs",
      eventSourceARN: queue.arn,
      awsRegion: "us-east-1",
      md5OfBody: "0cc175b9c0f1b6a831c399e269772661",
      attributes: { ApproximateReceiveCount: "1", SenderId: "AIDAEXAMPLE" },
      messageAttributes: {
        kind: { stringValue: "order", stringListValues: [], binaryListValues: [], dataType: "String" },
      },
    });
  });

  it("leaves a failed batch to return after its visibility timeout, receive count rising", async () => {
    const { sim, queue, invoker, mapping } = world((_, call) => (call < 3 ? failed() : ok()));
    queue.send("a");
    await sim.run(() => mapping.start());
    const startMs = sim.nowMs();
    await sim.runUntilIdle();
    expect(
      invoker.batches((r) => (r.attributes as { ApproximateReceiveCount: string }).ApproximateReceiveCount),
    ).toEqual([["1"], ["2"], ["3"]]);
    expect(sim.nowMs() - startMs).toBeGreaterThanOrEqual(60_000);
    expect(queue.stored).toEqual([]);
    expect(mapping.counters).toMatchObject({ batches: 3, failedBatches: 2 });
  });

  it("deletes all but the reported items of a partial batch response", async () => {
    const { sim, queue, invoker, mapping } = world(
      (event, call) =>
        call === 1 ? ok({ batchItemFailures: [{ itemIdentifier: event.Records[1]!.messageId }] }) : ok(),
      { functionResponseTypes: ["ReportBatchItemFailures"] },
    );
    for (const body of ["a", "b", "c"]) queue.send(body);
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(invoker.batches((r) => r.body)).toEqual([["a", "b", "c"], ["b"]]);
    expect(mapping.counters.partialFailures).toBe(1);
  });

  it.each([
    ["an empty identifier", { batchItemFailures: [{ itemIdentifier: "" }] }],
    ["an unknown identifier", { batchItemFailures: [{ itemIdentifier: "nope" }] }],
    ["a malformed list", { batchItemFailures: "m-1" }],
  ])("fails the whole batch on %s", async (_, response) => {
    const { sim, queue, invoker, mapping } = world((_e, call) => (call === 1 ? ok(response) : ok()), {
      functionResponseTypes: ["ReportBatchItemFailures"],
    });
    queue.send("a");
    queue.send("b");
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(invoker.batches((r) => r.body)).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
    expect(mapping.counters.failedBatches).toBe(1);
  });

  it("ignores batchItemFailures without ReportBatchItemFailures", async () => {
    const { sim, queue, invoker, mapping } = world(() =>
      ok({ batchItemFailures: [{ itemIdentifier: "m-1" }] }),
    );
    queue.send("a");
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(invoker.requests).toHaveLength(1);
    expect(queue.stored).toEqual([]);
  });

  it("gathers a batch over the batching window, beyond one receive's ten messages", async () => {
    const { sim, queue, invoker, mapping } = world(() => ok(), {
      batchSize: 25,
      maximumBatchingWindowInSeconds: 5,
    });
    await sim.run(() => mapping.start());
    for (let i = 0; i < 25; i++) sim.schedule(i * 100, "send", () => queue.send(`m${i}`));
    await sim.runUntilIdle();
    expect(invoker.batches((r) => r.body).map((b) => b.length)).toEqual([25]);
  });

  it("keeps MaximumConcurrency batches in flight at most", async () => {
    const { sim, queue, invoker, mapping } = world(() => ok(), {
      batchSize: 1,
      scalingConfig: { maximumConcurrency: 2 },
    });
    for (let i = 0; i < 12; i++) queue.send(`m${i}`);
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(invoker.requests).toHaveLength(12);
    expect(invoker.maxInFlight).toBe(2);
  });

  it("starts with five concurrent batches and scales up while full batches keep coming", async () => {
    const { sim, queue, invoker, mapping } = world(() => ok(), { batchSize: 1 });
    for (let i = 0; i < 60; i++) queue.send(`m${i}`);
    const initial = await sim.run(() => {
      mapping.start();
      return (mapping as unknown as { pollerCount: number }).pollerCount;
    });
    expect(initial).toBe(5);
    await sim.runUntilIdle();
    expect(invoker.requests).toHaveLength(60);
    expect(invoker.maxInFlight).toBeGreaterThan(5);
  });

  it("leaves throttled messages to return after the visibility timeout and backs off", async () => {
    const { sim, queue, invoker, mapping } = world((_, call) => (call === 1 ? throttled() : ok()));
    queue.send("a");
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(
      invoker.batches((r) => (r.attributes as { ApproximateReceiveCount: string }).ApproximateReceiveCount),
    ).toEqual([["1"], ["2"]]);
    expect(mapping.counters.throttles).toBe(1);
    expect(queue.stored).toEqual([]);
  });

  it("keeps FIFO group order across a failure", async () => {
    const { sim, queue, invoker, mapping } = world(
      (_, call) => (call === 1 ? failed() : ok()),
      { batchSize: 10 },
      "Orders.fifo",
    );
    queue.send("a1", { groupId: "a" });
    queue.send("b1", { groupId: "b" });
    queue.send("a2", { groupId: "a" });
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    const bodies = invoker.batches((r) => r.body);
    expect(bodies[0]).toEqual(["a1", "b1", "a2"]);
    const delivered = bodies.slice(1).flat();
    expect(delivered.filter((b) => String(b).startsWith("a"))).toEqual(["a1", "a2"]);
  });

  it("does not keep the simulation busy while the queue is empty", async () => {
    const { sim, queue, mapping } = world(() => ok());
    await sim.run(() => mapping.start());
    const startMs = sim.nowMs();
    await sim.runUntilIdle();
    expect(sim.nowMs()).toBe(startMs);
    expect(queue.receives.every((r) => r.background)).toBe(true);
  });

  it("treats a timed-out invocation like a function error", async () => {
    const timedOut: InvokeOutcome = {
      kind: "function-error",
      requestId: "req-timeout",
      errorType: "Sandbox.Timedout",
      errorMessage: "Task timed out after 3.00 seconds",
      timedOut: true,
    };
    const { sim, queue, invoker, mapping } = world((_, call) => (call === 1 ? timedOut : ok()));
    queue.send("a");
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(invoker.requests).toHaveLength(2);
    expect(mapping.counters.failedBatches).toBe(1);
  });

  it("scales down to fewer pollers when throttled", async () => {
    let pollersAtRetry: number | undefined;
    const state: { mapping?: { pollerCount: number } } = {};
    const { sim, queue, mapping } = world(
      (_, call) => {
        if (call <= 5) return throttled();
        pollersAtRetry ??= state.mapping?.pollerCount;
        return ok();
      },
      { batchSize: 1 },
    );
    state.mapping = mapping as unknown as { pollerCount: number };
    for (let i = 0; i < 5; i++) queue.send(`m${i}`);
    await sim.run(() => mapping.start());
    await sim.runUntilIdle();
    expect(mapping.counters.throttles).toBe(5);
    // Five throttles took the five pollers down to one; one full batch since may have added one.
    expect(pollersAtRetry).toBeLessThanOrEqual(2);
    expect(queue.stored).toEqual([]);
  });
});

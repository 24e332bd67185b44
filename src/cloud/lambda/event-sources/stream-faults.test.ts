import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import { StreamStore } from "../../table/streams/store.ts";
import type { EventSourceMappingDefinition } from "./definition.ts";
import { createEventSourceMapping } from "./factory.ts";
import type { StreamFaultOptions } from "./stream-faults.ts";
import { streamPortOf } from "./stream-port.ts";
import { ok, ScriptedInvoker } from "./testing/scripted-invoker.ts";

let sim: Simulation | undefined;
afterEach(() => sim?.dispose());

/** A stream mapping of `project` on an Inventory stream, under the given (changeable) faults. */
function world(initial: StreamFaultOptions, definition: Partial<EventSourceMappingDefinition> = {}) {
  sim = createSimulation({ seed: 5 });
  const kernel = sim;
  let faults = initial;
  const store = new StreamStore({ kernel, shardCount: 1 });
  const arn = store.enableStream("Inventory", "NEW_IMAGE", kernel.nowMs(), [
    { AttributeName: "pk", KeyType: "HASH" },
  ]);
  const streams = streamPortOf(store);
  const put = (n: number) =>
    store.onChange({
      tableName: "Inventory",
      keys: { pk: { S: "sku" } },
      newImage: { pk: { S: "sku" }, n: { N: String(n) } },
      atMs: kernel.nowMs(),
    });
  const invokedAtMs: number[] = [];
  const invoker = new ScriptedInvoker(kernel, () => {
    invokedAtMs.push(kernel.nowMs());
    return ok();
  });
  const destination: object[] = [];
  const mapping = createEventSourceMapping(
    kernel,
    invoker,
    { functionName: "project", eventSourceArn: arn, startingPosition: "TRIM_HORIZON", ...definition },
    { streams, onFailure: (record) => destination.push(record), streamFaults: () => faults },
  );
  const batches = () =>
    invoker.requests.map((r) =>
      (r.event as DynamoDBStreamEvent).Records.map((x) => Number(x.dynamodb?.NewImage?.n?.N)),
    );
  const setFaults = (next: StreamFaultOptions) => {
    faults = next;
  };
  return { sim: kernel, put, mapping, batches, invokedAtMs, destination, setFaults };
}

describe("stream faults", () => {
  it("draw nothing when the knobs are 0", async () => {
    const w = world({ batchFailureProbability: 0, recordDelayMsMax: 0 });
    w.put(1);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1]]);
    expect(w.sim.choices.recording().choices).toEqual([]);
  });

  it("fail a handled batch, which is retried as a failed batch and finally given up", async () => {
    const w = world(
      { batchFailureProbability: 1 },
      {
        maximumRetryAttempts: 2,
        destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:Failed" } },
      },
    );
    w.put(1);
    w.put(2);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    // The function handled the batch every time: its effects landed three times over.
    expect(w.batches()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(w.mapping.counters).toMatchObject({ failedBatches: 3, retries: 2, recordsDiscarded: 2 });
    expect(w.destination).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({
          condition: "RetryAttemptsExhausted",
          approximateInvokeCount: 3,
        }),
        responseContext: expect.objectContaining({ functionError: "Unhandled" }),
      }),
    ]);
    expect(w.sim.faultCoverage().get("streams.batchFailure")).toEqual({ consulted: 3, fired: 3 });
    const spans = w.sim.trace.all().filter((s) => s.name === "fault.streams.batchFailure");
    expect(spans.map((s) => s.attributes)).toEqual([
      { where: "project" },
      { where: "project" },
      { where: "project" },
    ]);
  });

  it("stop failing batches once switched off", async () => {
    const w = world({ batchFailureProbability: 1 });
    w.put(1);
    await w.sim.run(() => w.mapping.start());
    // The first poll is at the next quarter second; the invocation takes 100 ms.
    await w.sim.advance(400);
    expect(w.batches()).toEqual([[1]]);
    w.setFaults({});
    await w.sim.runUntilIdle();
    expect(w.batches()).toEqual([[1], [1]]);
    expect(w.mapping.counters).toMatchObject({ failedBatches: 1, retries: 1 });
  });

  it("make records readable later, in order, and wait for them", async () => {
    const w = world({ recordDelayMsMax: 20_000 });
    const startMs = w.sim.nowMs();
    for (let n = 1; n <= 4; n++) w.put(n);
    await w.sim.run(() => w.mapping.start());
    await w.sim.runUntilIdle();
    const delays = w.sim.choices
      .recording()
      .choices.filter((c) => c.label === "fault.streams.recordDelay.project")
      .map((c) => c.value);
    expect(delays).toHaveLength(4);
    // Every record was delivered once, in order, none before its drawn delay (or an earlier record's).
    expect(w.batches().flat()).toEqual([1, 2, 3, 4]);
    const firstReadableMs = Math.max(delays[0]!, 0);
    expect((w.invokedAtMs[0] ?? 0) - startMs).toBeGreaterThanOrEqual(firstReadableMs);
    let seen = 0;
    for (const [i, batch] of w.batches().entries()) {
      const last = seen + batch.length - 1;
      const readableMs = Math.max(...delays.slice(0, last + 1));
      expect((w.invokedAtMs[i] ?? 0) - startMs).toBeGreaterThanOrEqual(readableMs);
      seen += batch.length;
    }
    expect(Math.max(...delays)).toBeGreaterThan(1_000);
    expect(w.sim.faultCoverage().get("streams.recordDelay")?.consulted).toBe(4);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import { SqsService } from "../../queue/service.ts";
import { SqsEventSourceMapping, type SqsMappingDefinition } from "./sqs-mapping.ts";
import { failed, ok, ScriptedInvoker } from "./testing.ts";

const sims: Simulation[] = [];
afterEach(() => {
  for (const s of sims.splice(0)) s.dispose();
});

function world(
  script: ConstructorParameters<typeof ScriptedInvoker>[0],
  definition: Partial<SqsMappingDefinition> = {},
) {
  const sim = createSimulation({ seed: 1 });
  sims.push(sim);
  const sqs = new SqsService(sim);
  const { QueueUrl: url } = sqs.handle("CreateQueue", {
    QueueName: "Orders",
    Attributes: { VisibilityTimeout: "30" },
  }) as {
    QueueUrl: string;
  };
  const invoker = new ScriptedInvoker(script);
  const arn = "arn:aws:sqs:us-east-1:000000000000:Orders";
  const mapping = new SqsEventSourceMapping(
    sim,
    invoker,
    sqs,
    { functionName: "f", queueArn: arn, ...definition },
    "us-east-1",
  );
  const send = (body: string) => sqs.handle("SendMessage", { QueueUrl: url, MessageBody: body });
  const left = () => (sqs.peekMessages("Orders") ?? []).length;
  return { sim, sqs, invoker, mapping, send, left };
}

describe("SQS event source mapping", () => {
  it("hands batches to the function in the SQSEvent shape and deletes them on success", async () => {
    const w = world(() => ok(), { batchSize: 10 });
    w.mapping.start();
    await w.sim.run(() => {
      for (let i = 1; i <= 3; i++) w.send(`m${i}`);
    });
    await w.sim.runUntilIdle();
    expect(
      w.invoker
        .batches((r) => r.body)
        .flat()
        .sort(),
    ).toEqual(["m1", "m2", "m3"]);
    const [record] = w.invoker.batches((r) => r);
    expect(record?.[0]).toMatchObject({
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:Orders",
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "1" },
    });
    expect(w.left()).toBe(0);
  });

  it("leaves a failed batch to return after the visibility timeout, then succeeds", async () => {
    const w = world((_r, call) => (call === 1 ? failed() : ok()));
    w.mapping.start();
    await w.sim.run(() => void w.send("once"));
    await w.sim.runUntilIdle();
    expect(w.invoker.requests).toHaveLength(2);
    const counts = w.invoker.batches((r) => (r.attributes as Record<string, string>).ApproximateReceiveCount);
    expect(counts).toEqual([["1"], ["2"]]);
    expect(w.sim.elapsedMs()).toBeGreaterThanOrEqual(30_000);
    expect(w.left()).toBe(0);
    expect(w.mapping.counters.failedBatches).toBe(1);
  });

  it("deletes all but the reported failures of a partial batch response", async () => {
    let first = true;
    const w = world(
      (request) => {
        const records = (request.event as { Records: { messageId: string; body: string }[] }).Records;
        const bad = first
          ? records.filter((r) => r.body === "bad").map((r) => ({ itemIdentifier: r.messageId }))
          : [];
        first = false;
        return ok({ batchItemFailures: bad });
      },
      { reportBatchItemFailures: true, maximumBatchingWindowSeconds: 1 },
    );
    await w.sim.run(() => {
      for (const body of ["a", "bad", "c"]) w.send(body);
    });
    w.mapping.start(); // the first poll finds all three waiting
    await w.sim.runUntilIdle();
    expect(w.invoker.batches((r) => r.body)).toEqual([["a", "bad", "c"], ["bad"]]);
    expect(w.mapping.counters.partialFailures).toBe(1);
  });

  it("fails the whole batch when a partial response names a message not in it", async () => {
    const w = world((_r, call) =>
      call === 1 ? ok({ batchItemFailures: [{ itemIdentifier: "nope" }] }) : ok(),
    );
    w.mapping.start();
    await w.sim.run(() => void w.send("x"));
    await w.sim.runUntilIdle();
    expect(w.invoker.requests).toHaveLength(1); // nothing deleted yet without reportBatchItemFailures: full success
    const strict = world(
      (_r, call) => (call === 1 ? ok({ batchItemFailures: [{ itemIdentifier: "nope" }] }) : ok()),
      {
        reportBatchItemFailures: true,
      },
    );
    strict.mapping.start();
    await strict.sim.run(() => void strict.send("x"));
    await strict.sim.runUntilIdle();
    expect(strict.invoker.requests).toHaveLength(2);
  });

  it("lets runUntilIdle return while the pollers wait on an empty queue", async () => {
    const w = world(() => ok());
    w.mapping.start();
    await w.sim.runUntilIdle();
    expect(w.invoker.requests).toHaveLength(0);
    expect(w.sim.elapsedMs()).toBe(0);
  });

  it("gathers up to the batch size within the batching window", async () => {
    const w = world(() => ok(), { batchSize: 50, maximumBatchingWindowSeconds: 5 });
    w.mapping.start();
    await w.sim.run(async () => {
      w.send("early");
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      w.send("later");
    });
    await w.sim.runUntilIdle();
    expect(w.invoker.batches((r) => r.body).flat()).toEqual(["early", "later"]);
    expect(w.invoker.requests.length).toBeLessThanOrEqual(2);
  });
});

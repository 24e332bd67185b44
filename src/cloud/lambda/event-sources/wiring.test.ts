import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import { SqsService } from "../../queue/service.ts";
import { StreamStore } from "../../table/streams/store.ts";
import { createEventSourceMapping } from "./factory.ts";
import type { QueuePort, StreamPort } from "./ports.ts";
import { streamPortOf } from "./stream-port.ts";
import { failed, ok, ScriptedInvoker } from "./testing/scripted-invoker.ts";

let sim: Simulation | undefined;
afterEach(() => sim?.dispose());

describe("wiring to the simulated services", () => {
  it("the stream store fits StreamPort with a one-line shardsOf", () => {
    sim = createSimulation({ seed: 1 });
    const store = new StreamStore({ kernel: sim });
    const port: StreamPort = streamPortOf(store);
    expect(port.shardsOf("arn:aws:dynamodb:us-east-1:1:table/T/stream/x")).toBeUndefined();
  });

  it("runs against the simulated SQS: a failed batch comes back with a higher receive count", async () => {
    sim = createSimulation({ seed: 1 });
    const sqs = new SqsService(sim);
    const queues: QueuePort = sqs;
    const url = (
      sqs.handle("CreateQueue", { QueueName: "Orders", Attributes: { VisibilityTimeout: "10" } }) as {
        QueueUrl: string;
      }
    ).QueueUrl;
    const attributes = sqs.handle("GetQueueAttributes", { QueueUrl: url, AttributeNames: ["QueueArn"] }) as {
      Attributes: { QueueArn: string };
    };
    const arn = attributes.Attributes.QueueArn;
    const invoker = new ScriptedInvoker(sim, (_, call) => (call === 1 ? failed() : ok()));
    const mapping = createEventSourceMapping(
      sim,
      invoker,
      { functionName: "reserve", eventSourceArn: arn },
      { queues },
    );
    await sim.run(() => {
      mapping.start();
      sqs.handle("SendMessage", { QueueUrl: url, MessageBody: "order-1" });
    });
    await sim.runUntilIdle();
    const counts = invoker.requests.map(
      (r) => (r.event as SQSEvent).Records[0]?.attributes.ApproximateReceiveCount,
    );
    expect(counts).toEqual(["1", "2"]);
    expect(sqs.peekMessages("Orders")).toEqual([]);
  });
});

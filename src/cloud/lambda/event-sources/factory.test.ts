import { describe, expect, it } from "vitest";
import { SquallError } from "../../../core/errors.ts";
import { FakeKernel } from "../../table/testing/fake-kernel.ts";
import { createEventSourceMapping } from "./factory.ts";
import type { StreamPort } from "./ports.ts";
import { FakeQueue } from "./testing/fake-queue.ts";
import { ok, ScriptedInvoker } from "./testing/scripted-invoker.ts";

const STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/Inventory/stream/2025-01-01T00:00:00.000";
const noStreams: StreamPort = {
  shardsOf: () => undefined,
  readShard: () => ({ records: [] }),
  subscribe: () => () => {},
  nextSequence: () => 1,
};

describe("createEventSourceMapping", () => {
  const kernel = new FakeKernel();
  const invoker = new ScriptedInvoker(kernel, () => ok());

  it("asks for the port its source needs", () => {
    expect(() =>
      createEventSourceMapping(
        kernel,
        invoker,
        { functionName: "f", eventSourceArn: "arn:aws:sqs:us-east-1:1:Q" },
        {},
      ),
    ).toThrow(/event source mapping f:Q: an SQS source needs ports.queues/);
    expect(() =>
      createEventSourceMapping(
        kernel,
        invoker,
        { functionName: "f", eventSourceArn: STREAM, startingPosition: "LATEST" },
        {},
      ),
    ).toThrow(/a stream source needs ports.streams/);
  });

  it("asks for the onFailure port when the definition names a destination", () => {
    const definition = {
      functionName: "f",
      eventSourceArn: STREAM,
      startingPosition: "LATEST" as const,
      destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:1:Dlq" } },
    };
    expect(() => createEventSourceMapping(kernel, invoker, definition, { streams: noStreams })).toThrow(
      /pass ports.onFailure/,
    );
  });

  it("fails on start when the source does not exist, and does nothing when disabled", () => {
    const queue = new FakeQueue(kernel, { name: "Orders" });
    const missing = createEventSourceMapping(
      kernel,
      invoker,
      { functionName: "f", eventSourceArn: `${queue.arn}x` },
      { queues: queue },
    );
    expect(() => missing.start()).toThrow(SquallError);
    const stream = createEventSourceMapping(
      kernel,
      invoker,
      { functionName: "f", eventSourceArn: STREAM, startingPosition: "LATEST" },
      { streams: noStreams },
    );
    expect(() => stream.start()).toThrow(/names no stream/);
    const disabled = createEventSourceMapping(
      kernel,
      invoker,
      { functionName: "f", eventSourceArn: queue.arn, enabled: false },
      { queues: queue },
    );
    disabled.start();
    expect(queue.receives).toEqual([]);
  });
});

import type { QueueEventSource, StreamEventSource } from "../../app/model.ts";
import type { MappingCounters } from "../../cloud/lambda/event-sources/counters.ts";
import type { EventSourceMappingDefinition } from "../../cloud/lambda/event-sources/definition.ts";
import {
  createEventSourceMapping,
  type EventSourceMapping,
} from "../../cloud/lambda/event-sources/factory.ts";
import {
  type StreamFaultOptions,
  validateStreamFaults,
} from "../../cloud/lambda/event-sources/stream-faults.ts";
import { streamPortOf } from "../../cloud/lambda/event-sources/stream-port.ts";
import { SquallError } from "../../core/errors.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

/** The running event source mappings of a simulated cloud. */
export interface EventSources {
  readonly mappings: readonly EventSourceMapping[];
  /** Counters summed over every mapping. */
  counters(): MappingCounters;
  /** Replaces the stream fault knobs every stream mapping reads (`{}`: none). */
  setStreamFaults(faults: StreamFaultOptions): void;
  stop(): void;
}

/**
 * Starts the event source mappings of the app's functions — SQS queues and table streams — as
 * Lambda's pollers would run them. They start inside the simulation, at its first step. Stream
 * mappings apply `streamFaults` until {@link EventSources.setStreamFaults} changes them.
 *
 * @example const sources = startEventSources(cloud, "us-east-1"); … sources.stop();
 */
export function startEventSources(
  cloud: SimulatedCloud,
  region: string,
  streamFaults: StreamFaultOptions = {},
): EventSources {
  let faults = validateStreamFaults(streamFaults);
  const store = cloud.dynamodb.streams;
  const streams = streamPortOf(store);
  const mappings: EventSourceMapping[] = [];
  for (const [logical, fn] of Object.entries(cloud.app.functions)) {
    const functionName = cloud.names.name(logical, "function");
    for (const [i, source] of (fn.events ?? []).entries()) {
      const name = `app.functions.${logical}.events[${i}]`;
      const definition =
        "queue" in source ? queueDefinition(cloud, source) : streamDefinition(cloud, source, name);
      mappings.push(
        createEventSourceMapping(
          cloud.sim,
          cloud.lambda,
          { name, functionName, ...definition },
          {
            queues: cloud.sqs,
            streams,
            onFailure: (record) =>
              deliverFailure(cloud, definition.destinationConfig?.onFailure?.destination, record),
            region,
            streamFaults: () => faults,
          },
        ),
      );
    }
  }
  cloud.sim.schedule(0, "lambda.event-source-mappings.start", () => {
    for (const mapping of mappings) mapping.start();
  });
  return {
    mappings,
    counters: () => sumCounters(mappings),
    setStreamFaults: (next) => {
      faults = validateStreamFaults(next);
    },
    stop: () => {
      for (const mapping of mappings) mapping.stop();
    },
  };
}

type Definition = Omit<EventSourceMappingDefinition, "functionName" | "name">;

function queueDefinition(cloud: SimulatedCloud, source: QueueEventSource): Definition {
  return {
    eventSourceArn: cloud.names.arn(source.queue),
    ...(source.batchSize === undefined ? {} : { batchSize: source.batchSize }),
    ...(source.maximumBatchingWindowSeconds === undefined
      ? {}
      : { maximumBatchingWindowInSeconds: source.maximumBatchingWindowSeconds }),
    ...(source.reportBatchItemFailures === true
      ? { functionResponseTypes: ["ReportBatchItemFailures"] as const }
      : {}),
    ...(source.maximumConcurrency === undefined
      ? {}
      : { scalingConfig: { maximumConcurrency: source.maximumConcurrency } }),
  };
}

function streamDefinition(cloud: SimulatedCloud, source: StreamEventSource, name: string): Definition {
  const streamArn = cloud.dynamodb.streamArnOf(cloud.names.name(source.stream, "table"));
  if (streamArn === undefined) throw new SquallError(`${name}: table "${source.stream}" has no stream`);
  const destination =
    source.onFailure === undefined
      ? undefined
      : cloud.names.arn("queue" in source.onFailure ? source.onFailure.queue : source.onFailure.topic);
  return {
    eventSourceArn: streamArn,
    startingPosition: source.startingPosition ?? "TRIM_HORIZON",
    ...(source.batchSize === undefined ? {} : { batchSize: source.batchSize }),
    ...(source.maximumBatchingWindowSeconds === undefined
      ? {}
      : { maximumBatchingWindowInSeconds: source.maximumBatchingWindowSeconds }),
    ...(source.maximumRetryAttempts === undefined
      ? {}
      : { maximumRetryAttempts: source.maximumRetryAttempts }),
    ...(source.maximumRecordAgeSeconds === undefined
      ? {}
      : { maximumRecordAgeInSeconds: source.maximumRecordAgeSeconds }),
    ...(source.bisectBatchOnFunctionError === undefined
      ? {}
      : { bisectBatchOnFunctionError: source.bisectBatchOnFunctionError }),
    ...(source.reportBatchItemFailures === true
      ? { functionResponseTypes: ["ReportBatchItemFailures"] as const }
      : {}),
    ...(destination === undefined ? {} : { destinationConfig: { onFailure: { destination } } }),
  };
}

// A discarded stream batch's description goes to the queue or topic the mapping names.
function deliverFailure(cloud: SimulatedCloud, destination: string | undefined, record: object): void {
  if (destination !== undefined) cloud.sendToDestination(destination, JSON.stringify(record));
}

function sumCounters(mappings: readonly EventSourceMapping[]): MappingCounters {
  const total: Record<string, number> = {};
  for (const { counters } of mappings)
    for (const [key, value] of Object.entries(counters)) total[key] = (total[key] ?? 0) + (value as number);
  return total as unknown as MappingCounters;
}

import type { QueueEventSource, StreamEventSource } from "../../app/model.ts";
import { SqsEventSourceMapping } from "../../cloud/lambda/mappings/sqs-mapping.ts";
import { StreamEventSourceMapping } from "../../cloud/lambda/mappings/stream-mapping.ts";
import { SquallError } from "../../core/errors.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

/** The running event source mappings of a simulated cloud. */
export interface EventSources {
  readonly queues: readonly SqsEventSourceMapping[];
  readonly streams: readonly StreamEventSourceMapping[];
  stop(): void;
}

/**
 * Starts the event source mappings of the app's functions — SQS queues and table streams — as
 * Lambda's pollers would run them.
 *
 * @example const sources = startEventSources(cloud); … sources.stop();
 */
export function startEventSources(cloud: SimulatedCloud, region: string): EventSources {
  const queues: SqsEventSourceMapping[] = [];
  const streams: StreamEventSourceMapping[] = [];
  for (const [logical, fn] of Object.entries(cloud.app.functions)) {
    const functionName = cloud.names.name(logical, "function");
    for (const source of fn.events ?? []) {
      if ("queue" in source) queues.push(queueMapping(cloud, functionName, source, region));
      else streams.push(streamMapping(cloud, functionName, source, `app.functions.${logical}`));
    }
  }
  for (const mapping of [...queues, ...streams]) mapping.start();
  return {
    queues,
    streams,
    stop: () => {
      for (const mapping of [...queues, ...streams]) mapping.stop();
    },
  };
}

function queueMapping(cloud: SimulatedCloud, functionName: string, source: QueueEventSource, region: string) {
  return new SqsEventSourceMapping(
    cloud.sim,
    cloud.lambda,
    cloud.sqs,
    {
      functionName,
      queueArn: cloud.names.arn(source.queue),
      ...(source.batchSize === undefined ? {} : { batchSize: source.batchSize }),
      ...(source.maximumBatchingWindowSeconds === undefined
        ? {}
        : { maximumBatchingWindowSeconds: source.maximumBatchingWindowSeconds }),
      ...(source.reportBatchItemFailures === undefined
        ? {}
        : { reportBatchItemFailures: source.reportBatchItemFailures }),
      ...(source.maximumConcurrency === undefined ? {} : { maximumConcurrency: source.maximumConcurrency }),
    },
    region,
  );
}

function streamMapping(cloud: SimulatedCloud, functionName: string, source: StreamEventSource, path: string) {
  const streamArn = cloud.dynamodb.streamArnOf(cloud.names.name(source.stream, "table"));
  if (streamArn === undefined)
    throw new SquallError(`${path}.events: table "${source.stream}" has no stream`);
  const { onFailure, stream: _stream, ...settings } = source;
  const deliver =
    onFailure === undefined
      ? undefined
      : "queue" in onFailure
        ? (record: object) =>
            void cloud.sqs.sendFromService(cloud.names.arn(onFailure.queue), { body: JSON.stringify(record) })
        : (record: object) =>
            void cloud.sns.handle("Publish", {
              TopicArn: cloud.names.arn(onFailure.topic),
              Message: JSON.stringify(record),
            });
  return new StreamEventSourceMapping(cloud.sim, cloud.lambda, cloud.dynamodb.streams, {
    functionName,
    streamArn,
    ...settings,
    ...(deliver === undefined ? {} : { onFailure: deliver }),
  });
}

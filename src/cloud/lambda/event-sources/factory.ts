import { SquallError } from "../../../core/errors.ts";
import type { KernelServices } from "../../../core/services.ts";
import type { FunctionInvoker } from "../invoker.ts";
import type { MappingCounters } from "./counters.ts";
import { type EventSourceMappingDefinition, type ResolvedMapping, resolveDefinition } from "./definition.ts";
import type { EventSourcePorts } from "./ports.ts";
import { SqsEventSourceMapping } from "./sqs-mapping.ts";
import { StreamEventSourceMapping } from "./stream-mapping.ts";

/**
 * A running (or stopped) event source mapping of either kind.
 *
 * @example
 * mapping.start();
 * await sim.runUntilIdle();
 * console.log(mapping.counters.failedBatches);
 */
export interface EventSourceMapping {
  readonly mapping: ResolvedMapping;
  readonly counters: MappingCounters;
  start(): void;
  stop(): void;
}

/**
 * Validates a definition and builds the mapping for its event source (SQS queue or DynamoDB
 * stream), with the port it needs from `ports`. Does not start it. Throws a SquallError naming the
 * mapping, the field and the fix.
 *
 * @example
 * const mapping = createEventSourceMapping(kernel, lambda, { functionName: "reserveStock", eventSourceArn: ordersArn, batchSize: 10, functionResponseTypes: ["ReportBatchItemFailures"] }, { queues: sqs });
 * mapping.start();
 */
export function createEventSourceMapping(
  kernel: KernelServices,
  invoker: FunctionInvoker,
  definition: EventSourceMappingDefinition,
  ports: EventSourcePorts,
): EventSourceMapping {
  const mapping = resolveDefinition(definition);
  if (mapping.kind === "sqs") {
    if (ports.queues === undefined)
      throw new SquallError(
        `event source mapping ${mapping.name}: an SQS source needs ports.queues; pass the SQS service`,
      );
    return new SqsEventSourceMapping(kernel, invoker, mapping, ports.queues, ports.region ?? "us-east-1");
  }
  if (ports.streams === undefined)
    throw new SquallError(
      `event source mapping ${mapping.name}: a stream source needs ports.streams; pass the stream store's port`,
    );
  return new StreamEventSourceMapping(
    kernel,
    invoker,
    mapping,
    ports.streams,
    ports.onFailure,
    ports.streamFaults,
  );
}

import type { TargetStats } from "../target.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

/**
 * What happened in a simulated run, counted across its services: Lambda's invocations, cold
 * starts, errors and throttles; retries as SQS redeliveries, asynchronous-invoke retries and
 * stream-batch retries;
 * duplicates as copies standard queues delivered.
 *
 * @example const { coldStarts } = runStats(cloud);
 */
export function runStats(cloud: SimulatedCloud): TargetStats {
  const lambda = cloud.lambda.metrics();
  let redelivered = 0;
  let duplicates = 0;
  for (const counters of Object.values(cloud.sqs.counters())) {
    redelivered += counters.redelivered;
    duplicates += counters.duplicatesDelivered;
  }
  return {
    invocations: lambda.invocations,
    coldStarts: lambda.coldStarts,
    errors: lambda.errors,
    throttles: lambda.throttles,
    retries: redelivered + lambda.asyncRetries + cloud.eventSources.counters().retries,
    duplicates,
  };
}

import { describe, type Issues, optionalBoolean, optionalOneOf } from "./issues.ts";
import { checkReference, type DeclaredNames } from "./resource-names.ts";

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,251}(\.fifo)?$/;

/**
 * Checks one topic definition and its subscriptions, recording every problem under `path`. The
 * filter policies' own grammar is checked by the simulated SNS when the app starts.
 *
 * @example validateTopic(issues, "app.topics.StockEvents", "StockEvents", { subscriptions: [{ queue: "Replenishment" }] }, names)
 */
export function validateTopic(
  issues: Issues,
  path: string,
  logicalName: string,
  value: unknown,
  names: DeclaredNames,
): void {
  if (!NAME_PATTERN.test(logicalName))
    issues.add(path, `topic name "${logicalName}" must be 1-251 letters, digits, "-" and "_"`);
  const topic = issues.object(path, value, "a topic definition such as { subscriptions: [] }");
  if (!topic) return;
  issues.unknownKeys(path, topic, ["fifo", "contentBasedDeduplication", "subscriptions"]);
  optionalBoolean(issues, `${path}.fifo`, topic.fifo);
  optionalBoolean(issues, `${path}.contentBasedDeduplication`, topic.contentBasedDeduplication);
  if (topic.contentBasedDeduplication === true && topic.fifo !== true)
    issues.add(
      `${path}.contentBasedDeduplication`,
      "applies to FIFO topics only: add fifo: true or remove it",
    );
  if (topic.subscriptions === undefined) return;
  if (!Array.isArray(topic.subscriptions)) {
    issues.add(
      `${path}.subscriptions`,
      `expected an array of subscriptions, got ${describe(topic.subscriptions)}`,
    );
    return;
  }
  for (const [i, raw] of topic.subscriptions.entries())
    validateSubscription(issues, `${path}.subscriptions[${i}]`, raw, topic.fifo === true, names);
}

function validateSubscription(
  issues: Issues,
  path: string,
  raw: unknown,
  fifo: boolean,
  names: DeclaredNames,
): void {
  const sub = issues.object(path, raw, '{ queue: "Replenishment" } or { function: "notifyShipping" }');
  if (!sub) return;
  issues.unknownKeys(path, sub, [
    "queue",
    "function",
    "rawMessageDelivery",
    "filterPolicy",
    "filterPolicyScope",
  ]);
  if ((sub.queue === undefined) === (sub.function === undefined)) {
    issues.add(path, "name exactly one endpoint: queue or function");
    return;
  }
  if (sub.queue !== undefined && checkReference(issues, `${path}.queue`, sub.queue, names, "queues")) {
    if (!fifo && names.fifoQueues.has(sub.queue as string))
      issues.add(
        `${path}.queue`,
        `"${String(sub.queue)}" is a FIFO queue; a standard topic cannot deliver to it`,
      );
  }
  if (sub.function !== undefined) {
    checkReference(issues, `${path}.function`, sub.function, names, "functions");
    if (fifo)
      issues.add(`${path}.function`, "a FIFO topic delivers to SQS queues only; subscribe a queue instead");
    if (sub.rawMessageDelivery !== undefined)
      issues.add(
        `${path}.rawMessageDelivery`,
        "applies to queue subscriptions only; Lambda always gets the SNS event",
      );
  }
  optionalBoolean(issues, `${path}.rawMessageDelivery`, sub.rawMessageDelivery);
  if (sub.filterPolicy !== undefined)
    issues.object(
      `${path}.filterPolicy`,
      sub.filterPolicy,
      'a filter policy object such as { "stock": [{ "numeric": ["<", 10] }] }',
    );
  optionalOneOf(issues, `${path}.filterPolicyScope`, sub.filterPolicyScope, [
    "MessageAttributes",
    "MessageBody",
  ]);
}

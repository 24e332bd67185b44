import { type Issues, optionalBoolean, optionalInteger } from "./issues.ts";
import { checkReference, type DeclaredNames } from "./resource-names.ts";

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,75}(\.fifo)?$/;

/**
 * Checks one queue definition against SQS's limits, recording every problem under `path`.
 *
 * @example validateQueue(issues, "app.queues.Orders", "Orders", { visibilityTimeoutSeconds: 60 }, names)
 */
export function validateQueue(
  issues: Issues,
  path: string,
  logicalName: string,
  value: unknown,
  names: DeclaredNames,
): void {
  if (!NAME_PATTERN.test(logicalName))
    issues.add(
      path,
      `queue name "${logicalName}" must be 1-75 letters, digits, "-" and "_" (SQS allows 80 with ".fifo")`,
    );
  const queue = issues.object(path, value, "a queue definition such as { visibilityTimeoutSeconds: 30 }");
  if (!queue) return;
  issues.unknownKeys(path, queue, [
    "fifo",
    "contentBasedDeduplication",
    "visibilityTimeoutSeconds",
    "messageRetentionSeconds",
    "delaySeconds",
    "deadLetter",
  ]);
  optionalBoolean(issues, `${path}.fifo`, queue.fifo);
  optionalBoolean(issues, `${path}.contentBasedDeduplication`, queue.contentBasedDeduplication);
  if (queue.contentBasedDeduplication === true && queue.fifo !== true)
    issues.add(
      `${path}.contentBasedDeduplication`,
      "applies to FIFO queues only: add fifo: true or remove it",
    );
  if (logicalName.endsWith(".fifo") && queue.fifo !== true)
    issues.add(
      path,
      `queue name "${logicalName}" ends in ".fifo", which SQS keeps for FIFO queues: add fifo: true`,
    );
  optionalInteger(issues, `${path}.visibilityTimeoutSeconds`, queue.visibilityTimeoutSeconds, 0, 43_200);
  optionalInteger(issues, `${path}.messageRetentionSeconds`, queue.messageRetentionSeconds, 60, 1_209_600);
  optionalInteger(issues, `${path}.delaySeconds`, queue.delaySeconds, 0, 900);
  if (queue.deadLetter === undefined) return;
  const dlq = issues.object(
    `${path}.deadLetter`,
    queue.deadLetter,
    '{ queue: "OrdersDLQ", maxReceiveCount: 3 }',
  );
  if (!dlq) return;
  issues.unknownKeys(`${path}.deadLetter`, dlq, ["queue", "maxReceiveCount"]);
  if (checkReference(issues, `${path}.deadLetter.queue`, dlq.queue, names, "queues")) {
    const dlqIsFifo = names.fifoQueues.has(dlq.queue as string);
    if (dlqIsFifo !== (queue.fifo === true))
      issues.add(
        `${path}.deadLetter.queue`,
        `"${String(dlq.queue)}" is ${dlqIsFifo ? "a FIFO" : "a standard"} queue; SQS needs the dead-letter queue of a ${queue.fifo === true ? "FIFO" : "standard"} queue to be the same kind`,
      );
    if (dlq.queue === logicalName)
      issues.add(`${path}.deadLetter.queue`, "a queue cannot be its own dead-letter queue");
  }
  if (dlq.maxReceiveCount === undefined)
    issues.add(`${path}.deadLetter.maxReceiveCount`, "is required (1 to 1000)");
  optionalInteger(issues, `${path}.deadLetter.maxReceiveCount`, dlq.maxReceiveCount, 1, 1000);
}

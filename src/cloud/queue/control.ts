import type {
  CreateQueueResult,
  GetQueueAttributesResult,
  GetQueueUrlResult,
  ListQueuesResult,
} from "@aws-sdk/client-sqs";
import type { SqsEngine } from "./engine.ts";
import { invalidParameter, missingParameter, queueDoesNotExist, sqsError } from "./errors.ts";
import {
  type Input,
  optionalInt,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from "./input.ts";
import { notifyWaiters, releaseWaiters } from "./long-poll.ts";
import { LIMITS } from "./model.ts";
import { Queue } from "./queue.ts";
import {
  type AttributeContext,
  applyAttributes,
  initialAttributes,
  isKnownAttributeName,
} from "./queue-attributes.ts";
import { replanExpiry } from "./retention.ts";
import { withTags } from "./tags.ts";

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * CreateQueue: a FIFO queue needs a `.fifo` name and FifoQueue=true. Creating an existing queue
 * with the same attribute values returns its URL; with a different value, QueueNameExists.
 *
 * @example
 * createQueue(engine, { QueueName: "Orders.fifo", Attributes: { FifoQueue: "true" } });
 */
export function createQueue(engine: SqsEngine, input: Input): CreateQueueResult {
  const name = requiredString(input, "QueueName");
  const fifo = name.endsWith(".fifo");
  const base = fifo ? name.slice(0, -".fifo".length) : name;
  if (!QUEUE_NAME.test(base) || name.length > 80) {
    throw invalidParameter(
      "QueueName",
      name,
      "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
    );
  }
  const requested = optionalStringMap(input, "Attributes") ?? {};
  const tags = optionalStringMap(input, "tags") ?? {};
  if (fifo && requested.FifoQueue !== "true") {
    throw invalidParameter(
      "QueueName",
      name,
      "A queue named with the .fifo suffix must be created with the attribute FifoQueue=true.",
    );
  }
  const attributes = initialAttributes(requested, contextFor(engine, "CreateQueue", name, fifo));
  const existing = engine.queues.get(name);
  if (existing !== undefined) {
    for (const key of Object.keys(requested)) {
      if (existing.attributes[key] !== attributes[key]) {
        throw sqsError(
          "QueueNameExists",
          `A queue already exists with the same name and a different value for attribute ${key}`,
        );
      }
    }
    return { QueueUrl: existing.url };
  }
  const deletedAtMs = engine.deletedAtMs.get(name);
  const nowMs = engine.kernel.nowMs();
  if (deletedAtMs !== undefined && nowMs - deletedAtMs < LIMITS.recreateAfterDeleteMs) {
    throw sqsError(
      "QueueDeletedRecently",
      `You must wait 60 seconds after deleting a queue before you can create another with the same name. (queue "${name}")`,
    );
  }
  const queue = new Queue(name, engine.urlOf(name), engine.arnOf(name), fifo, nowMs, attributes);
  queue.tags = withTags(undefined, tags);
  engine.queues.set(name, queue);
  return { QueueUrl: queue.url };
}

function contextFor(
  engine: SqsEngine,
  operation: AttributeContext["operation"],
  name: string,
  fifo: boolean,
): AttributeContext {
  return {
    operation,
    queueName: name,
    fifo,
    queueArn: engine.arnOf(name),
    deadLetterQueue: (arn) => {
      const target = engine.byArn(arn);
      return target === undefined
        ? undefined
        : { fifo: target.fifo, redriveAllowPolicy: target.attributes.RedriveAllowPolicy, arn: target.arn };
    },
  };
}

/**
 * DeleteQueue: messages go at once; long polls on it end empty; the name is blocked for 60 s.
 *
 * @example
 * deleteQueue(engine, { QueueUrl: url });
 */
export function deleteQueue(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.byUrl("DeleteQueue", requiredString(input, "QueueUrl"));
  queue.deleted = true;
  engine.queues.delete(queue.name);
  engine.deletedAtMs.set(queue.name, engine.kernel.nowMs());
  releaseWaiters(queue);
  queue.expiryTimer?.cancel();
  queue.expiryTimer = undefined;
  queue.messages.clear();
  return {};
}

/**
 * GetQueueUrl (only this account's queues exist).
 *
 * @example
 * const { QueueUrl } = getQueueUrl(engine, { QueueName: "Orders" });
 */
export function getQueueUrl(engine: SqsEngine, input: Input): GetQueueUrlResult {
  const name = requiredString(input, "QueueName");
  const owner = optionalString(input, "QueueOwnerAWSAccountId");
  const queue =
    owner === undefined || owner === engine.settings.accountId ? engine.queues.get(name) : undefined;
  if (queue === undefined) throw queueDoesNotExist("GetQueueUrl", name);
  return { QueueUrl: queue.url };
}

/**
 * ListQueues, sorted by name, with QueueNamePrefix and MaxResults/NextToken paging.
 *
 * @example
 * const { QueueUrls, NextToken } = listQueues(engine, { QueueNamePrefix: "Ord", MaxResults: 10 });
 */
export function listQueues(engine: SqsEngine, input: Input): ListQueuesResult {
  const prefix = optionalString(input, "QueueNamePrefix") ?? "";
  const maxResults = optionalInt(input, "MaxResults", 1, 1000, "Must be between 1 and 1000, if provided.");
  const token = optionalString(input, "NextToken");
  if (token !== undefined && maxResults === undefined) throw missingParameter("MaxResults");
  const after = token === undefined ? "" : Buffer.from(token, "base64").toString("utf8");
  const names = [...engine.queues.keys()].filter((n) => n.startsWith(prefix) && n > after).sort();
  const page = names.slice(0, maxResults ?? 1000);
  const more = maxResults !== undefined && names.length > page.length;
  const last = page[page.length - 1];
  return {
    ...(page.length > 0 ? { QueueUrls: page.map((n) => engine.urlOf(n)) } : {}),
    ...(more && last !== undefined ? { NextToken: Buffer.from(last, "utf8").toString("base64") } : {}),
  };
}

/**
 * GetQueueAttributes: `All` or named attributes, including the computed ones.
 *
 * @example
 * getQueueAttributes(engine, { QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] });
 */
export function getQueueAttributes(engine: SqsEngine, input: Input): GetQueueAttributesResult {
  const queue = engine.byUrl("GetQueueAttributes", requiredString(input, "QueueUrl"));
  const names = optionalStringList(input, "AttributeNames") ?? [];
  const fifoOnly = ["FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"];
  for (const name of names) {
    if (!isKnownAttributeName(name) || (!queue.fifo && fifoOnly.includes(name))) {
      throw sqsError("InvalidAttributeName", `Unknown Attribute ${name}.`);
    }
  }
  if (names.length === 0) return {};
  const nowMs = engine.kernel.nowMs();
  const counts = queue.counts(nowMs);
  const all: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAtMs / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAtMs / 1000)),
    ...queue.attributes,
  };
  const wanted = names.includes("All") ? Object.keys(all) : names;
  const attributes: Record<string, string> = {};
  for (const name of wanted) {
    const value = all[name];
    if (value !== undefined) attributes[name] = value;
  }
  return { Attributes: attributes };
}

/**
 * SetQueueAttributes; a new MessageRetentionPeriod applies to the messages already queued.
 *
 * @example
 * setQueueAttributes(engine, { QueueUrl: url, Attributes: { VisibilityTimeout: "60" } });
 */
export function setQueueAttributes(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.byUrl("SetQueueAttributes", requiredString(input, "QueueUrl"));
  const changes = optionalStringMap(input, "Attributes");
  if (changes === undefined) throw missingParameter("Attributes");
  const ctx = contextFor(engine, "SetQueueAttributes", queue.name, queue.fifo);
  const before = queue.config.messageRetentionPeriodSeconds;
  queue.setAttributes(applyAttributes({ ...queue.attributes }, changes, ctx), engine.kernel.nowMs());
  if (queue.config.messageRetentionPeriodSeconds !== before) replanExpiry(engine, queue);
  notifyWaiters(engine, queue);
  return {};
}

import type { ListDeadLetterSourceQueuesResult, ListQueueTagsResult } from "@aws-sdk/client-sqs";
import type { SqsEngine } from "./engine.ts";
import { invalidParameter, missingParameter } from "./errors.ts";
import {
  type Input,
  optionalInt,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from "./input.ts";
import type { Queue } from "./queue.ts";

const MAX_TAGS = 50;

/**
 * Checks tags as SQS does (keys 1–128 characters, values up to 256, at most 50 per queue) and
 * returns the queue's tags with them applied.
 *
 * @example
 * queue.tags = withTags(queue, { team: "orders" });
 */
export function withTags(queue: Queue | undefined, tags: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length === 0 || key.length > 128 || value.length > 256) {
      throw invalidParameter(
        "Tags",
        { [key]: value },
        "Tag keys have 1 to 128 characters and values at most 256.",
      );
    }
  }
  const next = { ...queue?.tags, ...tags };
  if (Object.keys(next).length > MAX_TAGS) {
    throw invalidParameter("Tags", Object.keys(next).length, `A queue can have at most ${MAX_TAGS} tags.`);
  }
  return next;
}

/**
 * TagQueue.
 *
 * @example
 * tagQueue(engine, { QueueUrl: url, Tags: { team: "orders" } });
 */
export function tagQueue(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.byUrl("TagQueue", requiredString(input, "QueueUrl"));
  const tags = optionalStringMap(input, "Tags");
  if (tags === undefined) throw missingParameter("Tags");
  queue.tags = withTags(queue, tags);
  return {};
}

/**
 * UntagQueue.
 *
 * @example
 * untagQueue(engine, { QueueUrl: url, TagKeys: ["team"] });
 */
export function untagQueue(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.byUrl("UntagQueue", requiredString(input, "QueueUrl"));
  const keys = optionalStringList(input, "TagKeys");
  if (keys === undefined) throw missingParameter("TagKeys");
  const next = { ...queue.tags };
  for (const key of keys) delete next[key];
  queue.tags = next;
  return {};
}

/**
 * ListQueueTags.
 *
 * @example
 * const { Tags } = listQueueTags(engine, { QueueUrl: url });
 */
export function listQueueTags(engine: SqsEngine, input: Input): ListQueueTagsResult {
  const queue = engine.byUrl("ListQueueTags", requiredString(input, "QueueUrl"));
  return Object.keys(queue.tags).length === 0 ? {} : { Tags: { ...queue.tags } };
}

/**
 * ListDeadLetterSourceQueues: the queues whose RedrivePolicy targets this one, sorted by name.
 *
 * @example
 * const { queueUrls } = listDeadLetterSourceQueues(engine, { QueueUrl: dlqUrl });
 */
export function listDeadLetterSourceQueues(
  engine: SqsEngine,
  input: Input,
): ListDeadLetterSourceQueuesResult {
  const target = engine.byUrl("ListDeadLetterSourceQueues", requiredString(input, "QueueUrl"));
  const maxResults = optionalInt(input, "MaxResults", 1, 1000, "Must be between 1 and 1000, if provided.");
  const token = optionalString(input, "NextToken");
  if (token !== undefined && maxResults === undefined) throw missingParameter("MaxResults");
  const after = token === undefined ? "" : Buffer.from(token, "base64").toString("utf8");
  const names = [...engine.queues.values()]
    .filter((q) => q.config.redrivePolicy?.deadLetterTargetArn === target.arn && q.name > after)
    .map((q) => q.name)
    .sort();
  const page = names.slice(0, maxResults ?? 1000);
  const last = page[page.length - 1];
  const more = maxResults !== undefined && names.length > page.length && last !== undefined;
  return {
    queueUrls: page.map((n) => engine.urlOf(n)),
    ...(more ? { NextToken: Buffer.from(last, "utf8").toString("base64") } : {}),
  };
}

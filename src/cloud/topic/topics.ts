import type {
  CreateTopicInput,
  CreateTopicResponse,
  DeleteTopicInput,
  GetTopicAttributesInput,
  GetTopicAttributesResponse,
  ListTopicsInput,
  ListTopicsResponse,
  SetTopicAttributesInput,
} from "@aws-sdk/client-sns";
import { subscriptionsOf, topicArn, topicByArn } from "./arns.ts";
import { invalidParameter, notSimulated } from "./errors.ts";
import type { SnsState, Topic } from "./model.ts";
import {
  type Input,
  optionalString,
  page,
  parseBooleanAttribute,
  requiredString,
  stringMap,
} from "./request.ts";
import { defaultPolicy, EFFECTIVE_DELIVERY_POLICY } from "./topic-defaults.ts";

/** Topic attributes kept as given: they change nothing in the simulation (no KMS, no X-Ray). */
const INERT_ATTRIBUTES = new Set([
  "DisplayName",
  "Policy",
  "DeliveryPolicy",
  "KmsMasterKeyId",
  "SignatureVersion",
  "TracingConfig",
  "FifoThroughputScope",
]);

const FIFO_NAME_MESSAGE =
  "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.";

/**
 * CreateTopic: idempotent for the same name and attributes.
 *
 * @example
 * createTopic(state, { Name: "Prices.fifo", Attributes: { FifoTopic: "true" } });
 */
export function createTopic(state: SnsState, input: Input): CreateTopicResponse {
  const name = requiredString<CreateTopicInput>(input, "Name");
  const attributes = stringMap<CreateTopicInput>(input, "Attributes");
  const prefix = "Invalid parameter: Attributes Reason: ";
  const fifo = parseBooleanAttribute("FifoTopic", attributes.FifoTopic ?? "false", prefix);
  if (fifo && !/^[A-Za-z0-9_-]{1,251}\.fifo$/.test(name)) throw invalidParameter(FIFO_NAME_MESSAGE);
  if (!fifo && !/^[A-Za-z0-9_-]{1,256}$/.test(name)) throw invalidParameter("Invalid parameter: Topic Name");
  if (input.DataProtectionPolicy !== undefined) {
    throw notSimulated("CreateTopic", "DataProtectionPolicy", "leave it out of the simulated app");
  }
  const arn = topicArn(state, name);
  const existing = state.topics.get(arn);
  if (existing !== undefined) {
    for (const [key, value] of Object.entries(attributes)) {
      if (currentAttribute(state, existing, key) !== value) {
        throw invalidParameter(`${prefix}Topic already exists with different attributes`);
      }
    }
    return { TopicArn: arn };
  }
  const topic: Topic = {
    name,
    arn,
    fifo,
    contentBasedDeduplication: false,
    attributes: new Map(),
    tags: new Map(),
    dedup: new Map(),
    nextSequence: 10_000_000_000_000_000_000n,
  };
  for (const [key, value] of Object.entries(attributes)) {
    if (key !== "FifoTopic") applyTopicAttribute(topic, key, value, prefix);
  }
  for (const tag of Array.isArray(input.Tags) ? (input.Tags as unknown[]) : []) {
    const { Key, Value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key !== "string" || typeof Value !== "string")
      throw invalidParameter("Invalid parameter: Tags");
    topic.tags.set(Key, Value);
  }
  state.topics.set(arn, topic);
  return { TopicArn: arn };
}

/** Sets one attribute, as CreateTopic and SetTopicAttributes both do. */
function applyTopicAttribute(topic: Topic, name: string, value: string, prefix: string): void {
  if (name === "ContentBasedDeduplication") {
    const enabled = parseBooleanAttribute(name, value, prefix);
    if (!topic.fifo && enabled) {
      throw invalidParameter(`${prefix}ContentBasedDeduplication can only be set for FIFO topics`);
    }
    topic.contentBasedDeduplication = enabled;
  } else if (name === "ArchivePolicy") {
    throw notSimulated("SetTopicAttributes", "message archiving (ArchivePolicy)", "leave it out");
  } else if (INERT_ATTRIBUTES.has(name)) {
    topic.attributes.set(name, value);
  } else {
    throw invalidParameter(`${prefix}Unknown attribute ${name}`);
  }
}

/**
 * DeleteTopic: deleting a topic that does not exist is not an error; subscriptions go with it.
 *
 * @example
 * deleteTopic(state, { TopicArn });
 */
export function deleteTopic(state: SnsState, input: Input): Record<string, never> {
  const arn = requiredString<DeleteTopicInput>(input, "TopicArn");
  const topic = state.topics.get(arn);
  if (topic === undefined) return {};
  for (const subscription of subscriptionsOf(state, topic)) state.subscriptions.delete(subscription.arn);
  state.topics.delete(arn);
  return {};
}

/**
 * ListTopics: 100 per page.
 *
 * @example
 * listTopics(state, { NextToken: "100" }).Topics;
 */
export function listTopics(state: SnsState, input: Input): ListTopicsResponse {
  const token = optionalString<ListTopicsInput>(input, "NextToken");
  const { items, nextToken } = page([...state.topics.keys()].sort(), token);
  return {
    Topics: items.map((arn) => ({ TopicArn: arn })),
    ...(nextToken === undefined ? {} : { NextToken: nextToken }),
  };
}

/**
 * GetTopicAttributes, with SNS's computed ones (Owner, counts, default Policy).
 *
 * @example
 * getTopicAttributes(state, { TopicArn }).Attributes?.SubscriptionsConfirmed;
 */
export function getTopicAttributes(state: SnsState, input: Input): GetTopicAttributesResponse {
  const topic = topicByArn(state, requiredString<GetTopicAttributesInput>(input, "TopicArn"));
  const attributes: Record<string, string> = {
    TopicArn: topic.arn,
    Owner: state.accountId,
    Policy: defaultPolicy(topic.arn, state.accountId),
    SubscriptionsConfirmed: String(subscriptionsOf(state, topic).length),
    SubscriptionsPending: "0",
    SubscriptionsDeleted: "0",
    EffectiveDeliveryPolicy: EFFECTIVE_DELIVERY_POLICY,
    ...Object.fromEntries(topic.attributes),
  };
  if (topic.fifo) {
    attributes.FifoTopic = "true";
    attributes.ContentBasedDeduplication = String(topic.contentBasedDeduplication);
  }
  return { Attributes: attributes };
}

/**
 * SetTopicAttributes: one attribute; FifoTopic cannot change after creation.
 *
 * @example
 * setTopicAttributes(state, { TopicArn, AttributeName: "DisplayName", AttributeValue: "Stock" });
 */
export function setTopicAttributes(state: SnsState, input: Input): Record<string, never> {
  const topic = topicByArn(state, requiredString<SetTopicAttributesInput>(input, "TopicArn"));
  const name = requiredString<SetTopicAttributesInput>(input, "AttributeName");
  const value = optionalString<SetTopicAttributesInput>(input, "AttributeValue") ?? "";
  if (name === "FifoTopic") throw invalidParameter("Invalid parameter: AttributeName");
  applyTopicAttribute(topic, name, value, "Invalid parameter: ");
  return {};
}

function currentAttribute(state: SnsState, topic: Topic, key: string): string | undefined {
  if (key === "FifoTopic") return String(topic.fifo);
  if (key === "ContentBasedDeduplication") return String(topic.contentBasedDeduplication);
  return (
    topic.attributes.get(key) ?? (key === "Policy" ? defaultPolicy(topic.arn, state.accountId) : undefined)
  );
}

import type {
  GetSubscriptionAttributesInput,
  GetSubscriptionAttributesResponse,
  ListSubscriptionsByTopicInput,
  ListSubscriptionsByTopicResponse,
  ListSubscriptionsInput,
  ListSubscriptionsResponse,
  SetSubscriptionAttributesInput,
  SubscribeInput,
  SubscribeResponse,
  Subscription as SubscriptionSummary,
  UnsubscribeInput,
} from "@aws-sdk/client-sns";
import { AwsServiceError } from "../aws-error.ts";
import { subscriptionByArn, subscriptionsOf, topicByArn } from "./arns.ts";
import { invalidParameter, notSimulated } from "./errors.ts";
import type { SnsState, Subscription, Topic } from "./model.ts";
import { type Input, optionalString, page, requiredString, stringMap } from "./request.ts";
import { applySubscriptionAttributes, describeSubscription } from "./subscription-attributes.ts";

const SIMULATED_PROTOCOLS = new Set(["sqs", "lambda"]);
const OTHER_PROTOCOLS = new Set(["http", "https", "email", "email-json", "sms", "application", "firehose"]);
const ENDPOINT_PATTERNS = {
  sqs: { pattern: /^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/, message: "SQS endpoint ARN" },
  lambda: {
    pattern: /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]{1,140}(:[\w$-]+)?$/,
    message: "Lambda endpoint ARN",
  },
} as const;
// SNS's default quota of subscriptions with a filter policy per topic.
const MAX_FILTER_POLICIES_PER_TOPIC = 200;

/**
 * Subscribe: sqs and lambda endpoints, confirmed at once; idempotent for the same attributes.
 *
 * @example
 * subscribe(state, { TopicArn, Protocol: "sqs", Endpoint: queueArn, Attributes: { RawMessageDelivery: "true" } });
 */
export function subscribe(state: SnsState, input: Input): SubscribeResponse {
  const topic = topicByArn(state, requiredString<SubscribeInput>(input, "TopicArn"));
  const protocol = requiredString<SubscribeInput>(input, "Protocol");
  if (!SIMULATED_PROTOCOLS.has(protocol)) {
    if (OTHER_PROTOCOLS.has(protocol)) {
      throw notSimulated(
        "Subscribe",
        `protocol "${protocol}"`,
        "subscribe an sqs queue or a lambda function",
      );
    }
    throw invalidParameter(
      `Invalid parameter: Amazon SNS does not support this protocol string: ${protocol}`,
    );
  }
  const kind = protocol as "sqs" | "lambda";
  const endpoint = optionalString<SubscribeInput>(input, "Endpoint") ?? "";
  if (!ENDPOINT_PATTERNS[kind].pattern.test(endpoint)) {
    throw invalidParameter(`Invalid parameter: ${ENDPOINT_PATTERNS[kind].message}`);
  }
  checkFifoRules(topic, kind, endpoint);
  const attributes = stringMap<SubscribeInput>(input, "Attributes");
  const prefix = "Invalid parameter: Attributes Reason: ";
  const existing = subscriptionsOf(state, topic).find((s) => s.protocol === kind && s.endpoint === endpoint);
  if (existing !== undefined) {
    const current = describeSubscription(existing, state.accountId);
    if (Object.entries(attributes).some(([key, value]) => (current[key] ?? "") !== value)) {
      throw invalidParameter(`${prefix}Subscription already exists with different attributes`);
    }
    return { SubscriptionArn: existing.arn };
  }
  const subscription: Subscription = {
    arn: `${topic.arn}:${state.kernel.uuid(`sns.${topic.name}.subscriptionId`)}`,
    topicArn: topic.arn,
    protocol: kind,
    endpoint,
    rawMessageDelivery: false,
    filterPolicyJson: undefined,
    filterPolicy: undefined,
    filterPolicyScope: "MessageAttributes",
    redrivePolicy: undefined,
    lastDeliveryAtMs: 0,
  };
  applySubscriptionAttributes(subscription, attributes, prefix);
  if (subscription.filterPolicy !== undefined) checkFilterPolicyQuota(state, topic);
  state.subscriptions.set(subscription.arn, subscription);
  return { SubscriptionArn: subscription.arn };
}

// FIFO topics deliver to SQS queues only (FIFO or standard); FIFO queues only take FIFO topics.
function checkFifoRules(topic: Topic, protocol: "sqs" | "lambda", endpoint: string): void {
  const fifoQueue = protocol === "sqs" && endpoint.endsWith(".fifo");
  if (topic.fifo && protocol !== "sqs") {
    throw invalidParameter(
      `Invalid parameter: Invalid protocol type: ${protocol}. FIFO topics deliver to sqs only`,
    );
  }
  if (!topic.fifo && fifoQueue) {
    throw invalidParameter(
      "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
    );
  }
}

function checkFilterPolicyQuota(state: SnsState, topic: Topic): void {
  const count = subscriptionsOf(state, topic).filter((s) => s.filterPolicy !== undefined).length;
  if (count >= MAX_FILTER_POLICIES_PER_TOPIC) {
    throw new AwsServiceError("FilterPolicyLimitExceeded", "Filter policy limit exceeded", {
      statusCode: 403,
    });
  }
}

/**
 * Unsubscribe: `NotFound` for an unknown subscription.
 *
 * @example
 * unsubscribe(state, { SubscriptionArn });
 */
export function unsubscribe(state: SnsState, input: Input): Record<string, never> {
  const subscription = subscriptionByArn(state, requiredString<UnsubscribeInput>(input, "SubscriptionArn"));
  state.subscriptions.delete(subscription.arn);
  return {};
}

/**
 * ListSubscriptions: 100 per page, in creation order.
 *
 * @example
 * listSubscriptions(state, {}).Subscriptions;
 */
export function listSubscriptions(state: SnsState, input: Input): ListSubscriptionsResponse {
  const token = optionalString<ListSubscriptionsInput>(input, "NextToken");
  const { items, nextToken } = page([...state.subscriptions.values()], token);
  return { Subscriptions: items.map((s) => summary(s, state.accountId)), ...next(nextToken) };
}

/**
 * ListSubscriptionsByTopic: `NotFound` for an unknown topic.
 *
 * @example
 * listSubscriptionsByTopic(state, { TopicArn }).Subscriptions;
 */
export function listSubscriptionsByTopic(state: SnsState, input: Input): ListSubscriptionsByTopicResponse {
  const topic = topicByArn(state, requiredString<ListSubscriptionsByTopicInput>(input, "TopicArn"));
  const token = optionalString<ListSubscriptionsByTopicInput>(input, "NextToken");
  const { items, nextToken } = page(subscriptionsOf(state, topic), token);
  return { Subscriptions: items.map((s) => summary(s, state.accountId)), ...next(nextToken) };
}

/**
 * GetSubscriptionAttributes.
 *
 * @example
 * getSubscriptionAttributes(state, { SubscriptionArn }).Attributes?.FilterPolicy;
 */
export function getSubscriptionAttributes(state: SnsState, input: Input): GetSubscriptionAttributesResponse {
  const arn = requiredString<GetSubscriptionAttributesInput>(input, "SubscriptionArn");
  return { Attributes: describeSubscription(subscriptionByArn(state, arn), state.accountId) };
}

/**
 * SetSubscriptionAttributes: one attribute; FilterPolicy `""` removes the policy.
 *
 * @example
 * setSubscriptionAttributes(state, { SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: "" });
 */
export function setSubscriptionAttributes(state: SnsState, input: Input): Record<string, never> {
  const arn = requiredString<SetSubscriptionAttributesInput>(input, "SubscriptionArn");
  const subscription = subscriptionByArn(state, arn);
  const name = requiredString<SetSubscriptionAttributesInput>(input, "AttributeName");
  const value = optionalString<SetSubscriptionAttributesInput>(input, "AttributeValue") ?? "";
  if (name === "FilterPolicy" && value !== "" && subscription.filterPolicy === undefined) {
    checkFilterPolicyQuota(state, state.topics.get(subscription.topicArn)!);
  }
  applySubscriptionAttributes(subscription, { [name]: value }, "Invalid parameter: ");
  return {};
}

function summary(subscription: Subscription, accountId: string): SubscriptionSummary {
  return {
    SubscriptionArn: subscription.arn,
    Owner: accountId,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: subscription.topicArn,
  };
}

function next(token: string | undefined): { NextToken?: string } {
  return token === undefined ? {} : { NextToken: token };
}

import { invalidParameter, notFound } from "./errors.ts";
import type { SnsState, Subscription, Topic } from "./model.ts";

/**
 * The topic an ARN names. A malformed ARN is SNS's `Invalid parameter: TopicArn`; a well-formed one
 * that names no topic is `NotFound: Topic does not exist`.
 *
 * @example
 * const topic = topicByArn(state, "arn:aws:sns:us-east-1:000000000000:Orders", "TopicArn");
 */
export function topicByArn(state: SnsState, arn: string, field = "TopicArn"): Topic {
  if (!/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]{1,256}$/.test(arn)) {
    throw invalidParameter(`Invalid parameter: ${field}`);
  }
  const topic = state.topics.get(arn);
  if (topic === undefined) throw notFound("Topic does not exist");
  return topic;
}

/**
 * The subscription an ARN names (`NotFound: Subscription does not exist` otherwise).
 *
 * @example
 * const sub = subscriptionByArn(state, input.SubscriptionArn);
 */
export function subscriptionByArn(state: SnsState, arn: string): Subscription {
  if (!/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]+:[\w-]+$/.test(arn)) {
    throw invalidParameter("Invalid parameter: SubscriptionArn");
  }
  const subscription = state.subscriptions.get(arn);
  if (subscription === undefined) throw notFound("Subscription does not exist");
  return subscription;
}

/**
 * The topic ARN for a name in this region and account.
 *
 * @example
 * topicArn(state, "Orders"); // "arn:aws:sns:us-east-1:000000000000:Orders"
 */
export function topicArn(state: SnsState, name: string): string {
  return `arn:aws:sns:${state.region}:${state.accountId}:${name}`;
}

/**
 * The subscriptions of a topic, in creation order.
 *
 * @example
 * for (const sub of subscriptionsOf(state, topic)) deliver(sub);
 */
export function subscriptionsOf(state: SnsState, topic: Topic): Subscription[] {
  return [...state.subscriptions.values()].filter((s) => s.topicArn === topic.arn);
}

/**
 * The last segment of an ARN (a queue or function name).
 *
 * @example
 * arnName("arn:aws:sqs:us-east-1:000000000000:Orders"); // "Orders"
 */
export function arnName(arn: string): string {
  return arn.slice(arn.lastIndexOf(":") + 1);
}

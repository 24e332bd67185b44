import { AppDefinitionError } from "../../app/app-definition-error.ts";
import type { App, TopicSubscription } from "../../app/model.ts";
import { AwsServiceError } from "../../cloud/aws-error.ts";
import type { SimulatedService } from "../../cloud/services.ts";
import type { PhysicalNames } from "./names.ts";

type Output = Record<string, unknown>;

/** Calls an operation that answers at once; a service error becomes an app-definition error at `path`. */
function call(service: SimulatedService, path: string, operation: string, input: Output): Output {
  try {
    return service.handle(operation, input) as Output;
  } catch (error) {
    if (error instanceof AwsServiceError)
      throw new AppDefinitionError([`${path}: ${error.code}: ${error.message}`]);
    throw error;
  }
}

/**
 * Creates the app's queues in the simulated SQS, dead-letter queues wired after every queue exists.
 *
 * @example createQueues(sqs, app, names);
 */
export function createQueues(sqs: SimulatedService, app: App, names: PhysicalNames): void {
  for (const [logical, queue] of Object.entries(app.queues)) {
    const attributes: Record<string, string> = {};
    if (queue.fifo === true) attributes.FifoQueue = "true";
    if (queue.contentBasedDeduplication === true) attributes.ContentBasedDeduplication = "true";
    if (queue.visibilityTimeoutSeconds !== undefined)
      attributes.VisibilityTimeout = String(queue.visibilityTimeoutSeconds);
    if (queue.messageRetentionSeconds !== undefined)
      attributes.MessageRetentionPeriod = String(queue.messageRetentionSeconds);
    if (queue.delaySeconds !== undefined) attributes.DelaySeconds = String(queue.delaySeconds);
    call(sqs, `app.queues.${logical}`, "CreateQueue", {
      QueueName: names.name(logical),
      Attributes: attributes,
    });
  }
  for (const [logical, queue] of Object.entries(app.queues)) {
    if (queue.deadLetter === undefined) continue;
    const policy = {
      deadLetterTargetArn: names.arn(queue.deadLetter.queue),
      maxReceiveCount: queue.deadLetter.maxReceiveCount,
    };
    call(sqs, `app.queues.${logical}.deadLetter`, "SetQueueAttributes", {
      QueueUrl: names.queueUrl(logical),
      Attributes: { RedrivePolicy: JSON.stringify(policy) },
    });
  }
}

/**
 * Creates the app's topics in the simulated SNS and subscribes their queues and functions.
 *
 * @example createTopics(sns, app, names);
 */
export function createTopics(sns: SimulatedService, app: App, names: PhysicalNames): void {
  for (const [logical, topic] of Object.entries(app.topics)) {
    const attributes: Record<string, string> = {};
    if (topic.fifo === true) attributes.FifoTopic = "true";
    if (topic.contentBasedDeduplication === true) attributes.ContentBasedDeduplication = "true";
    const created = call(sns, `app.topics.${logical}`, "CreateTopic", {
      Name: names.name(logical),
      Attributes: attributes,
    });
    for (const [i, subscription] of (topic.subscriptions ?? []).entries()) {
      call(sns, `app.topics.${logical}.subscriptions[${i}]`, "Subscribe", {
        TopicArn: created.TopicArn,
        ...endpointOf(subscription, names),
        Attributes: subscriptionAttributes(subscription),
      });
    }
  }
}

function endpointOf(subscription: TopicSubscription, names: PhysicalNames): Output {
  return "queue" in subscription
    ? { Protocol: "sqs", Endpoint: names.arn(subscription.queue) }
    : { Protocol: "lambda", Endpoint: names.arn(subscription.function) };
}

function subscriptionAttributes(subscription: TopicSubscription): Record<string, string> {
  const attributes: Record<string, string> = {};
  if ("queue" in subscription && subscription.rawMessageDelivery === true)
    attributes.RawMessageDelivery = "true";
  if (subscription.filterPolicy !== undefined)
    attributes.FilterPolicy = JSON.stringify(subscription.filterPolicy);
  if (subscription.filterPolicyScope !== undefined)
    attributes.FilterPolicyScope = subscription.filterPolicyScope;
  return attributes;
}

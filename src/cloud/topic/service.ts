import { SquallError } from "../../core/errors.ts";
import type { KernelServices } from "../../core/services.ts";
import { AwsServiceError } from "../aws-error.ts";
import { checkFaultKnobs } from "../fault-knobs.ts";
import type { SimulatedService } from "../services.ts";
import type {
  SnsCounters,
  SnsDeliveryEndpoints,
  SnsFaultOptions,
  SnsServiceOptions,
  SnsState,
} from "./model.ts";
import { publish, publishBatch } from "./publish.ts";
import { isRecord } from "./request.ts";
import {
  getSubscriptionAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
} from "./subscriptions.ts";
import { createTopic, deleteTopic, getTopicAttributes, listTopics, setTopicAttributes } from "./topics.ts";

type Operation = (state: SnsState, input: Record<string, unknown>) => object;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateTopic: createTopic,
  DeleteTopic: deleteTopic,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
  SetTopicAttributes: setTopicAttributes,
  Subscribe: subscribe,
  Unsubscribe: unsubscribe,
  ListSubscriptions: listSubscriptions,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  GetSubscriptionAttributes: getSubscriptionAttributes,
  SetSubscriptionAttributes: setSubscriptionAttributes,
  Publish: publish,
  PublishBatch: publishBatch,
};

/**
 * The simulated SNS: standard and FIFO topics, sqs and lambda subscriptions with raw or enveloped
 * delivery, filter policies on attributes or body, Publish and PublishBatch, run synchronously on
 * virtual time. Deliveries go through the injected {@link SnsDeliveryEndpoints}, each after its
 * own drawn delay. Inputs and outputs are in @aws-sdk/client-sns's shapes; errors are
 * {@link AwsServiceError}s with SNS's Query-protocol codes (`NotFound`, `InvalidParameter`, …).
 *
 * @example
 * const sns = new SnsService(kernel, { deliverToQueue, invokeFunction });
 * const { TopicArn } = sns.handle("CreateTopic", { Name: "StockEvents" });
 * sns.handle("Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn });
 * sns.handle("Publish", { TopicArn, Message: "low stock" });
 */
export class SnsService implements SimulatedService {
  readonly serviceId = "SNS";
  private readonly state: SnsState;

  constructor(kernel: KernelServices, endpoints: SnsDeliveryEndpoints, options: SnsServiceOptions = {}) {
    const deliveryDelay = options.deliveryDelay ?? { minMs: 5, maxMs: 50 };
    const { minMs, maxMs } = deliveryDelay;
    if (!Number.isInteger(minMs) || !Number.isInteger(maxMs) || minMs < 0 || maxMs < minMs) {
      throw new SquallError(
        `SNS deliveryDelay {minMs: ${minMs}, maxMs: ${maxMs}} is invalid: use whole milliseconds with 0 ≤ minMs ≤ maxMs`,
      );
    }
    this.state = {
      kernel,
      endpoints,
      region: options.region ?? "us-east-1",
      accountId: options.accountId ?? "000000000000",
      deliveryDelay,
      faults: validateSnsFaults(options.faults ?? {}),
      topics: new Map(),
      subscriptions: new Map(),
      counters: emptyCounters(),
    };
  }

  /** Runs one SNS API operation on the current state and returns its response. */
  handle(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (run === undefined) {
      throw new AwsServiceError(
        "InvalidAction",
        `SNS operation "${operation}" is not supported by Squall's simulated SNS`,
      );
    }
    if (!isRecord(input)) {
      throw new AwsServiceError(
        "InvalidParameter",
        `Invalid parameter: ${operation}: the request must be an object`,
      );
    }
    return { ...run(this.state, input) };
  }

  /**
   * A snapshot of the counters: messages published, FIFO duplicates dropped, messages filtered
   * out, deliveries (in all and per subscription) and failed deliveries.
   *
   * @example
   * expect(sns.counters().deliveriesBySubscription[subscriptionArn]).toBe(1);
   */
  counters(): SnsCounters {
    const c = this.state.counters;
    return {
      ...c,
      deliveriesBySubscription: { ...c.deliveriesBySubscription },
      filteredOutBySubscription: { ...c.filteredOutBySubscription },
    };
  }

  /**
   * Replaces the fault knobs in force (a run's fault phase, then none); SquallError on a bad one.
   * Deliveries already scheduled keep their delays.
   *
   * @example sns.setFaults({ duplicateNotificationProbability: 0 });
   */
  setFaults(faults: SnsFaultOptions): void {
    this.state.faults = validateSnsFaults(faults);
  }

  /** The ARNs of all topics, sorted (for the simulation API and tests). */
  topicArns(): string[] {
    return [...this.state.topics.keys()].sort();
  }
}

function validateSnsFaults(faults: SnsFaultOptions): SnsFaultOptions {
  return checkFaultKnobs("SNS", faults, {
    duplicateNotificationProbability: "probability",
    fanOutDelayMsMax: "ms",
  });
}

function emptyCounters(): SnsCounters {
  return {
    messagesPublished: 0,
    duplicatesSuppressed: 0,
    messagesFilteredOut: 0,
    deliveries: 0,
    deliveryFailures: 0,
    deliveriesBySubscription: {},
    filteredOutBySubscription: {},
  };
}

export type {
  DeliveredAttribute,
  QueueDelivery,
  SnsCounters,
  SnsDeliveryEndpoints,
  SnsFaultOptions,
  SnsServiceOptions,
} from "./model.ts";

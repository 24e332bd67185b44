import type { SNSEvent } from "aws-lambda";
import type { KernelServices } from "../../core/services.ts";
import type { LatencyRange } from "../services.ts";
import type { CompiledFilterPolicy, FilterPolicyScope } from "./filter-policy.ts";

/** A message attribute in the SDK's shape (`MessageAttributeValue`), as delivered to a queue. */
export interface DeliveredAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

/** What SNS hands to an SQS queue: the body (envelope or raw) and, for raw delivery, the attributes. */
export interface QueueDelivery {
  body: string;
  messageAttributes?: Record<string, DeliveredAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

/**
 * Where SNS delivers, wired by whoever assembles the simulation: `deliverToQueue` is SQS's
 * SendMessage on the queue with that ARN, `invokeFunction` Lambda's asynchronous (Event) invoke,
 * which has its own retries. Either may throw (a deleted queue); SNS then counts a failed delivery
 * and, when the subscription has a RedrivePolicy, sends the message to its dead-letter queue.
 *
 * @example
 * const endpoints: SnsDeliveryEndpoints = {
 *   deliverToQueue: (arn, message) => sqs.enqueueFromSns(arn, message),
 *   invokeFunction: (arn, event) => lambda.invokeAsync(arn, event),
 * };
 */
export interface SnsDeliveryEndpoints {
  deliverToQueue(queueArn: string, message: QueueDelivery): void;
  invokeFunction(functionArn: string, event: SNSEvent): void;
}

/** Options of the simulated SNS. */
export interface SnsServiceOptions {
  /** Region in ARNs and URLs (default `us-east-1`). */
  region?: string;
  /** Account id in ARNs (default `000000000000`). */
  accountId?: string;
  /**
   * Time from Publish to one subscription's delivery, drawn per delivery. Default 5–50 ms: SNS
   * documents no figure; measured SNS→SQS/Lambda fan-out is tens of milliseconds.
   */
  deliveryDelay?: LatencyRange;
  /** Duplicate and delayed deliveries; see {@link SnsFaultOptions}. Default none. */
  faults?: SnsFaultOptions;
}

/**
 * SNS's fault knobs, which a run may change (see `SnsService.setFaults`). Each is drawn per
 * subscription delivery from the choice stream as `fault.sns.<kind>.<topic>`; a knob left out or
 * 0 draws nothing.
 *
 * @example const faults: SnsFaultOptions = { duplicateNotificationProbability: 0.1, fanOutDelayMsMax: 2_000 };
 */
export interface SnsFaultOptions {
  /**
   * A subscription receives the notification twice (standard topics; SNS FIFO topics deliver to
   * their FIFO queues once), the copy after a delay of its own.
   */
  readonly duplicateNotificationProbability?: number;
  /**
   * A delivery to a subscription starts up to this much later than its usual delay (FIFO topics
   * included: a delayed delivery still never overtakes the one before it).
   */
  readonly fanOutDelayMsMax?: number;
}

/** Counters for the simulation API (snapshots; see `SnsService.counters`). */
export interface SnsCounters {
  /** Publish calls and batch entries accepted (FIFO duplicates excluded). */
  messagesPublished: number;
  /** FIFO publishes dropped as duplicates inside the 5-minute window. */
  duplicatesSuppressed: number;
  /** Subscription-message pairs a filter policy rejected. */
  messagesFilteredOut: number;
  /** Successful deliveries, all subscriptions together. */
  deliveries: number;
  /** Deliveries whose endpoint threw (sent to the DLQ when there is one). */
  deliveryFailures: number;
  /** Successful deliveries per subscription ARN. */
  deliveriesBySubscription: Record<string, number>;
  /** Filtered-out messages per subscription ARN. */
  filteredOutBySubscription: Record<string, number>;
}

/** A FIFO deduplication record: the ids the first publish got, kept for 5 minutes. */
export interface DedupEntry {
  readonly expiresAtMs: number;
  readonly messageId: string;
  readonly sequenceNumber: string;
}

/** One topic's state. */
export interface Topic {
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  contentBasedDeduplication: boolean;
  /** Settable attributes as given (DisplayName, Policy, DeliveryPolicy, …). */
  readonly attributes: Map<string, string>;
  readonly tags: Map<string, string>;
  /** Dedup ids in publish order, so expired ones are at the front. */
  readonly dedup: Map<string, DedupEntry>;
  nextSequence: bigint;
}

/** One subscription's state. */
export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: "sqs" | "lambda";
  readonly endpoint: string;
  rawMessageDelivery: boolean;
  filterPolicyJson: string | undefined;
  filterPolicy: CompiledFilterPolicy | undefined;
  filterPolicyScope: FilterPolicyScope;
  /** The RedrivePolicy JSON and its dead-letter queue ARN. */
  redrivePolicy: { json: string; deadLetterTargetArn: string } | undefined;
  /** FIFO topics: deliveries to one subscription never overtake each other. */
  lastDeliveryAtMs: number;
}

/** Everything the operations share. */
export interface SnsState {
  readonly kernel: KernelServices;
  readonly endpoints: SnsDeliveryEndpoints;
  readonly region: string;
  readonly accountId: string;
  readonly deliveryDelay: LatencyRange;
  /** The fault knobs in force. */
  faults: SnsFaultOptions;
  readonly topics: Map<string, Topic>;
  readonly subscriptions: Map<string, Subscription>;
  readonly counters: SnsCounters;
}

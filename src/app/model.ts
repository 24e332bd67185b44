/** A DynamoDB key attribute type: string, number or binary. */
export type KeyType = "S" | "N" | "B";

/** One key attribute of a table or index. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

/** What a global secondary index copies from the table. */
export type Projection = "ALL" | "KEYS_ONLY" | { readonly include: readonly string[] };

/** Provisioned capacity, in read and write capacity units per second. */
export interface ProvisionedCapacity {
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/** On-demand billing, or provisioned capacity (which throttles when exhausted). */
export type Billing =
  | { readonly mode: "PAY_PER_REQUEST" }
  | ({ readonly mode: "PROVISIONED" } & ProvisionedCapacity);

/** A global secondary index (eventually consistent, as in DynamoDB). */
export interface GlobalSecondaryIndex {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Default `ALL`. */
  readonly projection?: Projection;
  /** Required when the table is provisioned, as in DynamoDB. */
  readonly capacity?: ProvisionedCapacity;
}

/** What a table's stream records carry. */
export type StreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** A DynamoDB table. Attribute definitions are derived from the keys, so they cannot disagree. */
export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: Readonly<Record<string, GlobalSecondaryIndex>>;
  /** Enables DynamoDB Streams with this view type. */
  readonly stream?: StreamViewType;
  /** The Number attribute (epoch seconds) after which an item expires. */
  readonly ttlAttribute?: string;
  /** Default on-demand. */
  readonly billing?: Billing;
}

/** What an environment variable may refer to: an attribute of another resource of the app. */
export interface ResourceRef {
  /** The resource's logical name. */
  readonly ref: string;
  /** `name` (table, queue, topic, function), `url` (queue), `arn` (any). */
  readonly attribute: "name" | "url" | "arn";
  /** Which kind of resource `ref` names; checked when the app is defined. */
  readonly kind: "table" | "queue" | "topic" | "function";
}

/** An SQS queue. A FIFO queue's physical name ends in `.fifo`, as SQS requires. */
export interface QueueDefinition {
  /** Default false (a standard queue). */
  readonly fifo?: boolean;
  /** FIFO only: deduplicate by a SHA-256 of the body when a send gives no deduplication id. */
  readonly contentBasedDeduplication?: boolean;
  /** Default 30 s, 0..43,200. */
  readonly visibilityTimeoutSeconds?: number;
  /** Default 345,600 s (4 days), 60..1,209,600. */
  readonly messageRetentionSeconds?: number;
  /** Default 0, 0..900. */
  readonly delaySeconds?: number;
  /** Redrive: after `maxReceiveCount` receives a message moves to the queue `deadLetterQueue` names. */
  readonly deadLetter?: { readonly queue: string; readonly maxReceiveCount: number };
}

/** The filter of a topic subscription: SNS's filter policy, on attributes or on the body. */
export interface SubscriptionFilter {
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  /** Default `MessageAttributes`. */
  readonly filterPolicyScope?: "MessageAttributes" | "MessageBody";
}

/** A subscription of a topic: an SQS queue or a Lambda function of the app. */
export type TopicSubscription =
  | ({ readonly queue: string; readonly rawMessageDelivery?: boolean } & SubscriptionFilter)
  | ({ readonly function: string } & SubscriptionFilter);

/** An SNS topic. A FIFO topic's physical name ends in `.fifo`. */
export interface TopicDefinition {
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly subscriptions?: readonly TopicSubscription[];
}

/** Lambda reading a queue (an SQS event source mapping). */
export interface QueueEventSource {
  readonly queue: string;
  /** Default 10; 1..10,000 (above 10 needs a batching window). */
  readonly batchSize?: number;
  readonly maximumBatchingWindowSeconds?: number;
  /** Answer `{ batchItemFailures }` to fail only some messages. */
  readonly reportBatchItemFailures?: boolean;
  /** ScalingConfig.MaximumConcurrency, 2..1,000. */
  readonly maximumConcurrency?: number;
}

/** Lambda reading a table's stream (a DynamoDB Streams event source mapping). */
export interface StreamEventSource {
  /** The table whose stream is read; the table must declare `stream`. */
  readonly stream: string;
  /** Default 100; 1..10,000. */
  readonly batchSize?: number;
  readonly maximumBatchingWindowSeconds?: number;
  /** Default `TRIM_HORIZON`. */
  readonly startingPosition?: "TRIM_HORIZON" | "LATEST";
  /** Default -1 (until the records expire). */
  readonly maximumRetryAttempts?: number;
  /** Default -1 (until the records expire). */
  readonly maximumRecordAgeSeconds?: number;
  readonly bisectBatchOnFunctionError?: boolean;
  readonly reportBatchItemFailures?: boolean;
  /** Where records that could not be processed are described: a queue or topic of the app. */
  readonly onFailure?: { readonly queue: string } | { readonly topic: string };
}

/** What triggers a function. */
export type EventSource = QueueEventSource | StreamEventSource;

/** A destination of asynchronous invocations that failed: a queue, topic or function of the app. */
export type FailureDestination =
  | { readonly queue: string }
  | { readonly topic: string }
  | { readonly function: string };

/** A Lambda function. */
export interface FunctionDefinition {
  /** `path/to/file.ts#exportName`, relative to the app's `root`; TypeScript needs no build. */
  readonly handler: string;
  /** Default `nodejs20.x`. */
  readonly runtime?: "nodejs18.x" | "nodejs20.x" | "nodejs22.x";
  /** Default 3 s; 1..900. */
  readonly timeoutSeconds?: number;
  /** Default 128 MB; 128..10,240. */
  readonly memoryMb?: number;
  /** Environment variables; a {@link ResourceRef} becomes the resource's physical name, URL or ARN. */
  readonly environment?: Readonly<Record<string, string | ResourceRef>>;
  readonly reservedConcurrency?: number;
  readonly provisionedConcurrency?: number;
  /** Attached to a VPC: longer cold starts. */
  readonly vpc?: boolean;
  /** Deployment package size, for the cold-start model. */
  readonly packageSizeMb?: number;
  /** Overrides the cold-start model: init durations drawn from [minMs, maxMs]. */
  readonly coldStartMs?: { readonly minMs: number; readonly maxMs: number };
  readonly events?: readonly EventSource[];
  /** Asynchronous invocations: retries after an error (default 2, 0..2). */
  readonly maximumRetryAttempts?: number;
  /** Asynchronous invocations: oldest event age in seconds (default 21,600, 60..21,600). */
  readonly maximumEventAgeSeconds?: number;
  /** Asynchronous invocations that failed go here. */
  readonly onFailure?: FailureDestination;
}

/** How standard queues deliver in the simulation: at-least-once and roughly ordered, when asked. */
export interface DeliveryBehaviour {
  /** Chance (0..1) that a received message is delivered again later. Default 0. */
  readonly duplicateDeliveryProbability?: number;
  /** Up to this many ms of extra delay per message, which reorders messages. Default 0. */
  readonly reorderWindowMs?: number;
}

/** An app: the resources of one event-driven system, by logical name. */
export interface AppDefinition {
  readonly name: string;
  /**
   * The directory handler paths are relative to: a path or a `file:` URL (`import.meta.dirname`
   * or `import.meta.url` of the file that defines the app). Default: the working directory.
   */
  readonly root?: string;
  readonly tables?: Readonly<Record<string, TableDefinition>>;
  readonly queues?: Readonly<Record<string, QueueDefinition>>;
  readonly topics?: Readonly<Record<string, TopicDefinition>>;
  readonly functions?: Readonly<Record<string, FunctionDefinition>>;
  /** Standard queues' delivery in the simulation; a run's options may override it. */
  readonly delivery?: DeliveryBehaviour;
}

/** A validated app: every resource map present, every reference resolved to a resource. */
export interface App extends AppDefinition {
  /** Absolute directory handler paths are resolved against. */
  readonly root: string;
  readonly tables: Readonly<Record<string, TableDefinition>>;
  readonly queues: Readonly<Record<string, QueueDefinition>>;
  readonly topics: Readonly<Record<string, TopicDefinition>>;
  readonly functions: Readonly<Record<string, FunctionDefinition>>;
}

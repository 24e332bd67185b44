import type { Message } from "@aws-sdk/client-sqs";
import type { StoredStreamRecord } from "../../table/streams/types.ts";
import type { StreamFaultOptions } from "./stream-faults.ts";

/**
 * What an SQS event source mapping needs of the simulated SQS. `SqsService` (src/cloud/queue)
 * matches it structurally; tests use {@link FakeQueue}.
 *
 * @example
 * const queues: QueuePort = sqsService;
 * const url = queues.queueUrlOf("arn:aws:sqs:us-east-1:123456789012:Orders");
 */
export interface QueuePort {
  /** The queue's URL, or undefined when no queue has this ARN. FIFO queues end in `.fifo`. */
  queueUrlOf(arn: string): string | undefined;
  /**
   * Receives with every system and message attribute. A `background` wait on an empty queue does
   * not keep the simulation busy; a message arriving answers it at once.
   */
  receive(
    queueUrl: string,
    options: { maxMessages: number; visibilityTimeoutSeconds?: number; waitTimeSeconds: number },
    mode: { background: boolean },
  ): Promise<Message[]>;
  deleteByReceipt(queueUrl: string, receiptHandle: string): void;
  changeVisibility(queueUrl: string, receiptHandle: string, seconds: number): void;
  /** The trace span that sent a received message, for causality links (optional). */
  sentInSpanOf?(queueUrl: string, receiptHandle: string): string | undefined;
}

/**
 * One shard as a stream mapping sees it (`ShardState` of the stream store fits).
 *
 * @example
 * const shards: readonly ShardInfo[] = store.stream(arn)?.shards ?? [];
 */
export interface ShardInfo {
  readonly shardId: string;
}

/**
 * What a DynamoDB Streams event source mapping needs of the stream store. `StreamStore`
 * (src/cloud/table/streams/store.ts) matches it structurally, apart from `shardsOf`;
 * `streamPortOf(store)` (stream-port.ts) adapts it.
 *
 * @example
 * const streams: StreamPort = streamPortOf(store);
 */
export interface StreamPort {
  /** The stream's shards, or undefined when the stream does not exist (or expired). */
  shardsOf(streamArn: string): readonly ShardInfo[] | undefined;
  /**
   * Up to `limit` records after `afterSequenceNumber` (from the oldest retained one when
   * undefined); throws when the records after that position were trimmed.
   */
  readShard(
    streamArn: string,
    shardId: string,
    afterSequenceNumber: string | undefined,
    limit: number,
  ): { records: StoredStreamRecord[] };
  /** Calls `listener` with every record appended from now on; returns a function that stops it. */
  subscribe(listener: (stored: StoredStreamRecord) => void): () => void;
  /** The sequence number the next record will get (LATEST starts just before it). */
  nextSequence(): number;
}

/**
 * Receives the invocation record of a discarded stream batch (the mapping's on-failure
 * destination: an SQS queue or SNS topic in AWS; the lead wires it to the matching service).
 *
 * @example
 * const onFailure: FailureDestinationPort = (record) => sqs.sendFromService(dlqArn, { body: JSON.stringify(record) });
 */
export type FailureDestinationPort = (record: object) => void;

/**
 * The ports one mapping may need; only the one matching its event source is required.
 *
 * @example
 * const ports: EventSourcePorts = { queues: sqs, streams, onFailure: (record) => sendToDlq(record), region: "eu-west-1" };
 */
export interface EventSourcePorts {
  readonly queues?: QueuePort;
  readonly streams?: StreamPort;
  /** Where discarded stream batches go when the definition names an on-failure destination. */
  readonly onFailure?: FailureDestinationPort;
  /** Region for `awsRegion` in SQS events; default `us-east-1`. */
  readonly region?: string;
  /** The stream fault knobs in force, asked as stream mappings read and invoke. Default: none. */
  readonly streamFaults?: () => StreamFaultOptions;
}

import type { Item } from "../values.ts";
import type { ShardState } from "./shard.ts";

/** What a stream record carries besides the key: DynamoDB's four stream view types. */
export type StreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** One element of a table's key schema, in DynamoDB's own shape (DescribeStream returns it). */
export interface KeySchemaElement {
  readonly AttributeName: string;
  readonly KeyType: "HASH" | "RANGE";
}

/**
 * One stream record in the shape `@aws-sdk/client-dynamodb-streams` returns from GetRecords
 * (`ApproximateCreationDateTime` is a `Date` there; the wire form is epoch seconds).
 *
 * @example
 * if (record.eventName === "REMOVE" && record.userIdentity?.Type === "Service") expired.push(record);
 */
export interface StreamRecord {
  readonly eventID: string;
  readonly eventName: "INSERT" | "MODIFY" | "REMOVE";
  readonly eventVersion: "1.1";
  readonly eventSource: "aws:dynamodb";
  readonly awsRegion: string;
  readonly dynamodb: {
    readonly ApproximateCreationDateTime: Date;
    readonly Keys: Item;
    readonly NewImage?: Item;
    readonly OldImage?: Item;
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: StreamViewType;
  };
  /** Present only on deletions made by DynamoDB itself (TTL expiry). */
  readonly userIdentity?: { readonly PrincipalId: "dynamodb.amazonaws.com"; readonly Type: "Service" };
}

/**
 * A record as the store keeps it: the AWS record plus what Squall needs beside it (not part of
 * the AWS shape): the span that caused it, for the trace's causality links.
 *
 * @example
 * for (const stored of store.readShard(arn, shardId, undefined, 100).records) link(stored.causeSpanId);
 */
export interface StoredStreamRecord {
  readonly record: StreamRecord;
  /** The record's sequence number as an integer, for ordering and positioning. */
  readonly sequence: number;
  /** Virtual time the change was made, in ms since the epoch (retention counts from it). */
  readonly atMs: number;
  readonly shardId: string;
  readonly streamArn: string;
  readonly causeSpanId?: string;
}

/** One stream of a table, current or disabled. */
export interface StreamState {
  readonly streamArn: string;
  readonly streamLabel: string;
  readonly tableName: string;
  readonly viewType: StreamViewType;
  readonly keySchema: readonly KeySchemaElement[];
  readonly createdAtMs: number;
  status: "ENABLED" | "DISABLED";
  disabledAtMs?: number;
  readonly shards: readonly ShardState[];
}

import type { KernelServices } from "../../../core/services.ts";
import { validationError } from "../../aws-error.ts";
import type { ItemChange } from "../change.ts";
import { shardNotFound, trimmedError } from "./errors.ts";
import { partitionKeyText } from "./record.ts";
import { lastRecord, parseSequence, readFrom, shardIdFor, shardIndexFor, trimShard } from "./shard.ts";
import { type RecordOrigin, ShardRecord } from "./shard-record.ts";
import type { KeySchemaElement, StoredStreamRecord, StreamState, StreamViewType } from "./types.ts";

export type { StreamState } from "./types.ts";

/** DynamoDB Streams keeps records (and a disabled stream) for 24 hours. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;

/** Options of a {@link StreamStore}. */
export interface StreamStoreOptions {
  readonly kernel: KernelServices;
  /** Region in stream ARNs and in records' `awsRegion`; default `us-east-1`. */
  readonly region?: string;
  /** Account id in stream ARNs; default `123456789012`. Use the same one as the table ARNs. */
  readonly accountId?: string;
  /**
   * Shards per stream; default 1. DynamoDB gives a stream one shard per table partition, and a
   * small table (all a test usually writes) has one partition; DynamoDB Local also makes one shard.
   * One shard keeps every record in one total order; raise it to let a consumer see records of
   * different keys reordered across shards, as on a large table.
   */
  readonly shardCount?: number;
}

/**
 * The records of every DynamoDB stream in one simulated account and region. The table engine
 * calls `enableStream` / `disableStream` and passes every item change to `onChange`; the Streams
 * API ({@link DynamoDbStreamsService}) and Squall's event-source mappings read from it.
 *
 * @example
 * const store = new StreamStore({ kernel });
 * const arn = store.enableStream("Orders", "NEW_AND_OLD_IMAGES", kernel.nowMs(), keySchema);
 * engine.addListener(store.onChange);
 * const { records } = store.readShard(arn, store.stream(arn)!.shards[0]!.shardId, undefined, 100);
 */
export class StreamStore {
  readonly region: string;
  readonly accountId: string;
  private readonly kernel: KernelServices;
  private readonly shardCount: number;
  private readonly all: StreamState[] = [];
  private readonly enabledByTable = new Map<string, StreamState>();
  private readonly listeners = new Set<(stored: StoredStreamRecord) => void>();
  private lastSequence = 0;

  constructor(options: StreamStoreOptions) {
    this.kernel = options.kernel;
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "123456789012";
    this.shardCount = options.shardCount ?? 1;
    if (!Number.isInteger(this.shardCount) || this.shardCount < 1) {
      throw new RangeError(`StreamStore: shardCount must be a positive integer, got ${this.shardCount}`);
    }
  }

  /**
   * Starts a new stream on a table and returns its ARN,
   * `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>`, the label being the creation
   * time as `YYYY-MM-DDThh:mm:ss.sss`. An engine that already named the stream in its table
   * definition passes that ARN as `streamArn`, so the two can never disagree.
   */
  enableStream(
    tableName: string,
    viewType: StreamViewType,
    createdAtMs: number,
    keySchema: readonly KeySchemaElement[],
    streamArn?: string,
  ): string {
    if (this.enabledByTable.has(tableName)) throw validationError("Table already has an enabled stream");
    let atMs = createdAtMs;
    // Two streams of one table made in the same virtual millisecond would share an ARN.
    while (
      streamArn === undefined &&
      this.all.some((s) => s.tableName === tableName && s.createdAtMs === atMs)
    )
      atMs++;
    const label = streamArn?.split("/stream/")[1] ?? new Date(atMs).toISOString().slice(0, -1);
    const arn =
      streamArn ?? `arn:aws:dynamodb:${this.region}:${this.accountId}:table/${tableName}/stream/${label}`;
    if (this.all.some((s) => s.streamArn === arn))
      throw new RangeError(`StreamStore: stream ${arn} already exists`);
    const keyNames = ["HASH", "RANGE"].flatMap((type) =>
      keySchema.filter((k) => k.KeyType === type).map((k) => k.AttributeName),
    );
    const shards = Array.from({ length: this.shardCount }, (_, i) => {
      const shardId = shardIdFor(arn, atMs, i);
      const origin: RecordOrigin = {
        streamArn: arn,
        shardId,
        region: this.region,
        viewType,
        keyNames,
      };
      // DynamoDB Local starts a new shard at the sequence number its next record would get.
      return { shardId, startingSequence: this.lastSequence + 1, records: [], trimmedThrough: 0, origin };
    });
    const stream: StreamState = {
      streamArn: arn,
      streamLabel: label,
      tableName,
      viewType,
      keySchema,
      createdAtMs: atMs,
      status: "ENABLED",
      shards,
    };
    this.all.push(stream);
    this.enabledByTable.set(tableName, stream);
    return arn;
  }

  /** Disables a table's stream (UpdateTable, or DeleteTable): its shards close, records stay 24 h. */
  disableStream(tableName: string): void {
    const stream = this.enabledByTable.get(tableName);
    if (stream === undefined) return;
    this.enabledByTable.delete(tableName);
    stream.status = "DISABLED";
    stream.disabledAtMs = this.kernel.nowMs();
    for (const shard of stream.shards) {
      shard.endingSequence = lastRecord(shard)?.sequence ?? shard.startingSequence;
    }
  }

  /** The table engine's change listener: appends one record per change to the table's stream. */
  readonly onChange = (change: ItemChange): void => {
    const stream = this.enabledByTable.get(change.tableName);
    if (stream === undefined) return;
    const hashKey = stream.keySchema.find((k) => k.KeyType === "HASH")?.AttributeName;
    const shard = stream.shards[shardIndexFor(partitionKeyText(change.keys, hashKey), stream.shards.length)]!;
    const sequence = ++this.lastSequence;
    const stored = ShardRecord.of(
      change,
      shard.origin,
      sequence,
      this.kernel.uuid("dynamodb.streams.eventId"),
    );
    trimShard(shard, this.kernel.nowMs() - RETENTION_MS);
    this.dropExpired();
    shard.records.push(stored);
    for (const listener of this.listeners) listener(stored);
  };

  /**
   * Streams still retained (enabled, or disabled less than 24 h ago), oldest first. A stream
   * disabled longer ago is dropped here with its records, so a deleted table's day of records does
   * not outlive it in memory.
   */
  streams(): readonly StreamState[] {
    this.dropExpired();
    return [...this.all];
  }

  // Run by every listing and every new record, so any later use of the store lets it go.
  private dropExpired(): void {
    if (this.all.length === this.enabledByTable.size) return;
    const cutoffMs = this.kernel.nowMs() - RETENTION_MS;
    let kept = 0;
    for (const stream of this.all) {
      const expired = stream.disabledAtMs !== undefined && stream.disabledAtMs <= cutoffMs;
      if (!expired) this.all[kept++] = stream;
      else for (const shard of stream.shards) shard.records = [];
    }
    this.all.length = kept;
  }

  /** A retained stream by ARN, with its shards trimmed to the retention period. */
  stream(streamArn: string): StreamState | undefined {
    const stream = this.streams().find((s) => s.streamArn === streamArn);
    if (stream !== undefined)
      for (const shard of stream.shards) trimShard(shard, this.kernel.nowMs() - RETENTION_MS);
    return stream;
  }

  /** The sequence number the next record (of any stream) will get. */
  nextSequence(): number {
    return this.lastSequence + 1;
  }

  /**
   * Reads a shard without iterators, for Squall's own event-source mappings: up to `limit` records
   * after `afterSequenceNumber` (from the oldest retained record when undefined). Throws
   * `TrimmedDataAccessException` when records after that position were already trimmed.
   */
  readShard(
    streamArn: string,
    shardId: string,
    afterSequenceNumber: string | undefined,
    limit: number,
  ): { records: StoredStreamRecord[] } {
    const shard = this.stream(streamArn)?.shards.find((s) => s.shardId === shardId);
    if (shard === undefined) throw shardNotFound();
    const after =
      afterSequenceNumber === undefined ? shard.trimmedThrough : parseSequence(afterSequenceNumber);
    if (after === undefined) throw validationError("Invalid SequenceNumber");
    if (after < shard.trimmedThrough) throw trimmedError();
    return { records: readFrom(shard, after + 1, limit) };
  }

  /** Calls `listener` with every record appended from now on; returns a function that stops it. */
  subscribe(listener: (stored: StoredStreamRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import type { KernelServices } from "../../../core/services.ts";
import { toLambdaRecord } from "../../table/streams/lambda-event.ts";
import { formatSequence } from "../../table/streams/shard.ts";
import type { StreamStore } from "../../table/streams/store.ts";
import type { StoredStreamRecord } from "../../table/streams/types.ts";
import type { FunctionInvoker } from "../invoker.ts";
import { partialFailures } from "./batch-response.ts";
import { type StreamFailureCondition, streamFailureRecord } from "./stream-failure.ts";

/** A DynamoDB Streams event source mapping, as CreateEventSourceMapping takes it. */
export interface StreamMappingDefinition {
  readonly functionName: string;
  readonly streamArn: string;
  /** Default 100. */
  readonly batchSize?: number;
  readonly maximumBatchingWindowSeconds?: number;
  /** Default TRIM_HORIZON. */
  readonly startingPosition?: "TRIM_HORIZON" | "LATEST";
  /** -1 (default): retry until the records expire. */
  readonly maximumRetryAttempts?: number;
  /** -1 (default): no limit but the stream's 24 h retention. */
  readonly maximumRecordAgeSeconds?: number;
  readonly bisectBatchOnFunctionError?: boolean;
  readonly reportBatchItemFailures?: boolean;
  /** Receives the invocation record of a batch given up (an on-failure destination). */
  readonly onFailure?: (record: Record<string, unknown>) => void;
}

/** Counters of one mapping. */
export interface StreamMappingCounters {
  batches: number;
  retries: number;
  /** Batches given up (sent to the on-failure destination, or dropped without one). */
  discardedBatches: number;
}

interface ShardCursor {
  readonly shardId: string;
  /** The sequence number (as DynamoDB prints it) of the last record done; undefined: from the oldest. */
  after: string | undefined;
  busy: boolean;
}

// Lambda polls each shard about four times a second.
const POLL_DELAY_MS = 250;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 60_000;

/**
 * Lambda's poller for a table's stream: per shard, in order, one batch at a time; a failing batch
 * blocks its shard and is retried (with back-off doubling from 1 s to a minute) until it succeeds,
 * its records age past `maximumRecordAgeSeconds` or the 24 h retention, or `maximumRetryAttempts`
 * runs out; then the on-failure destination gets a description of it and the shard moves on.
 * `bisectBatchOnFunctionError` splits a failing batch in halves (splits do not count as retries,
 * as AWS documents); `reportBatchItemFailures` checkpoints before the first failed record. New
 * records wake the shard as foreground work, so `runUntilIdle()` drains the stream.
 *
 * @example
 * new StreamEventSourceMapping(kernel, lambda, store, { functionName: "publish", streamArn }, arnOf).start();
 */
export class StreamEventSourceMapping {
  readonly counters: StreamMappingCounters = { batches: 0, retries: 0, discardedBatches: 0 };
  private readonly cursors = new Map<string, ShardCursor>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly kernel: KernelServices,
    private readonly invoker: FunctionInvoker,
    private readonly store: StreamStore,
    private readonly definition: StreamMappingDefinition,
  ) {}

  start(): void {
    if (this.unsubscribe !== undefined) return;
    const latest = this.definition.startingPosition === "LATEST";
    const after = latest ? formatSequence(this.store.nextSequence() - 1) : undefined;
    for (const shard of this.store.stream(this.definition.streamArn)?.shards ?? [])
      this.cursors.set(shard.shardId, { shardId: shard.shardId, after, busy: false });
    this.unsubscribe = this.store.subscribe((stored) => {
      if (stored.streamArn !== this.definition.streamArn) return;
      const cursor = this.cursors.get(stored.shardId);
      if (cursor !== undefined && !cursor.busy) this.wake(cursor);
    });
    for (const cursor of this.cursors.values()) this.wake(cursor);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private wake(cursor: ShardCursor): void {
    cursor.busy = true;
    this.kernel.schedule(
      POLL_DELAY_MS,
      `lambda.stream-poller.${this.definition.functionName}`,
      () => void this.drain(cursor),
    );
  }

  private async drain(cursor: ShardCursor): Promise<void> {
    while (this.unsubscribe !== undefined) {
      let batch = this.read(cursor);
      if (batch.length === 0) break;
      const windowMs = (this.definition.maximumBatchingWindowSeconds ?? 0) * 1000;
      if (windowMs > 0 && batch.length < this.batchSize()) {
        await this.sleep(windowMs);
        batch = this.read(cursor);
      }
      await this.deliver(cursor, batch);
    }
    cursor.busy = false;
  }

  private batchSize(): number {
    return this.definition.batchSize ?? 100;
  }

  private read(cursor: ShardCursor): StoredStreamRecord[] {
    try {
      return this.store.readShard(this.definition.streamArn, cursor.shardId, cursor.after, this.batchSize())
        .records;
    } catch {
      // Records after the checkpoint aged out of the stream's retention: they are lost, as in
      // AWS; carry on from the oldest record still there.
      cursor.after = undefined;
      return this.store.readShard(this.definition.streamArn, cursor.shardId, undefined, this.batchSize())
        .records;
    }
  }

  /** Processes one batch to the end: success, or given up. Bisected halves are processed in order. */
  private async deliver(cursor: ShardCursor, batch: StoredStreamRecord[]): Promise<void> {
    let attempts = 0;
    for (;;) {
      this.counters.batches++;
      const outcome = await this.invoker.invoke({
        functionName: this.definition.functionName,
        event: { Records: batch.map(toLambdaRecord) },
        trigger: "dynamodb-stream",
        links: batch.flatMap((s) => (s.causeSpanId === undefined ? [] : [s.causeSpanId])),
      });
      let done = 0;
      let functionError = false;
      if (outcome.kind === "success") {
        const failed = this.definition.reportBatchItemFailures
          ? partialFailures(
              outcome.result,
              batch.map((s) => s.record.dynamodb.SequenceNumber),
            )
          : new Set<string>();
        done = failed === "all" ? 0 : firstFailedIndex(batch, failed);
      } else functionError = outcome.kind === "function-error";
      if (done > 0) cursor.after = (batch[done - 1] as StoredStreamRecord).record.dynamodb.SequenceNumber;
      if (done === batch.length) return;
      batch = batch.slice(done);
      if (outcome.kind === "throttled") {
        await this.sleep(RETRY_BASE_MS);
        continue;
      }
      if (this.definition.bisectBatchOnFunctionError === true && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.deliver(cursor, batch.slice(0, half));
        await this.deliver(cursor, batch.slice(half));
        return;
      }
      attempts++;
      const condition = this.givenUp(batch, attempts);
      if (condition !== undefined) {
        this.discard(cursor, batch, condition, attempts, functionError, outcome.requestId);
        return;
      }
      this.counters.retries++;
      await this.sleep(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1)));
    }
  }

  private givenUp(batch: StoredStreamRecord[], attempts: number): StreamFailureCondition | undefined {
    const maxRetries = this.definition.maximumRetryAttempts ?? -1;
    if (maxRetries !== -1 && attempts > maxRetries) return "RetryAttemptsExhausted";
    const maxAgeSeconds = this.definition.maximumRecordAgeSeconds ?? -1;
    const oldestMs = (batch[0] as StoredStreamRecord).atMs;
    if (maxAgeSeconds !== -1 && this.kernel.nowMs() - oldestMs > maxAgeSeconds * 1000)
      return "RecordAgeExceeded";
    return undefined;
  }

  private discard(
    cursor: ShardCursor,
    batch: StoredStreamRecord[],
    condition: StreamFailureCondition,
    attempts: number,
    functionError: boolean,
    requestId: string,
  ): void {
    this.counters.discardedBatches++;
    cursor.after = (batch[batch.length - 1] as StoredStreamRecord).record.dynamodb.SequenceNumber;
    this.definition.onFailure?.(
      streamFailureRecord({
        batch,
        condition,
        requestId,
        functionArn: this.invoker.functionArn(this.definition.functionName) ?? this.definition.functionName,
        invokeCount: attempts,
        atMs: this.kernel.nowMs(),
        functionError,
      }),
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.kernel.schedule(ms, "lambda.stream-poller.wait", resolve));
  }
}

/** How many records at the front of the batch succeeded: up to the first reported failure. */
function firstFailedIndex(batch: readonly StoredStreamRecord[], failed: ReadonlySet<string>): number {
  const index = batch.findIndex((s) => failed.has(s.record.dynamodb.SequenceNumber));
  return index === -1 ? batch.length : index;
}

import type { KernelServices } from "../../../core/services.ts";
import { toLambdaRecord } from "../../table/streams/lambda-event.ts";
import { RETENTION_MS } from "../../table/streams/store.ts";
import type { StoredStreamRecord } from "../../table/streams/types.ts";
import type { FunctionInvoker, InvokeOutcome } from "../invoker.ts";
import { type MappingCounters, sleep } from "./counters.ts";
import type { ResolvedMapping } from "./definition.ts";
import type { FailureDestinationPort, StreamPort } from "./ports.ts";
import { type StreamFailureCondition, streamFailureRecord } from "./stream-failure.ts";
import { injectBatchFailure, RecordDelays, type StreamFaultOptions } from "./stream-faults.ts";
import { type Attempt, bisect, succeededPrefix } from "./stream-outcome.ts";

/**
 * What every shard poller of one mapping shares.
 *
 * @example
 * const context: ShardContext = { kernel, invoker, mapping, streams, onFailure, counters, faults: () => ({}), isRunning: () => true };
 */
export interface ShardContext {
  readonly kernel: KernelServices;
  readonly invoker: FunctionInvoker;
  readonly mapping: ResolvedMapping;
  readonly streams: StreamPort;
  readonly onFailure: FailureDestinationPort | undefined;
  readonly counters: MappingCounters;
  /** The stream fault knobs in force (they change between a run's fault and liveness phases). */
  faults(): StreamFaultOptions;
  isRunning(): boolean;
}

/**
 * Lambda polls each shard about four times a second.
 *
 * @example
 * kernel.schedule(POLL_INTERVAL_MS, "poll", poll);
 */
export const POLL_INTERVAL_MS = 250;
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 60_000;

/**
 * The poller of one shard: reads a batch after its checkpoint, invokes the function, and moves
 * the checkpoint only past records that succeeded or were given up, so records of the shard reach
 * the function in order and a failing batch blocks the shard until it is settled.
 *
 * @example
 * const poller = new ShardPoller(context, shardId, undefined);
 * poller.wake(); // records are waiting
 */
export class ShardPoller {
  private busy = false;
  private woken = false;
  private readonly delays: RecordDelays;

  constructor(
    private readonly context: ShardContext,
    readonly shardId: string,
    /** The sequence number after which to read; undefined: from the oldest retained record. */
    private checkpoint: string | undefined,
  ) {
    this.delays = new RecordDelays(context.kernel);
  }

  /**
   * Schedules a poll at the next quarter-second tick, as foreground work (records wait); a poll
   * already running reads the new records when it comes round.
   */
  wake(): void {
    if (this.busy || this.woken) return;
    this.woken = true;
    const { kernel } = this.context;
    const delayMs = POLL_INTERVAL_MS - (kernel.nowMs() % POLL_INTERVAL_MS);
    kernel.schedule(delayMs, "lambda.esm.stream.poll", () => {
      this.woken = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (;;) {
        if (!this.context.isRunning()) return;
        let records = this.read();
        if (records.length === 0) return;
        const { batchSize, batchingWindowMs } = this.context.mapping;
        // The batching window: keep polling until the batch is full or the window ends.
        const windowEndMs = this.context.kernel.nowMs() + batchingWindowMs;
        while (records.length < batchSize && this.context.kernel.nowMs() < windowEndMs) {
          const waitMs = Math.min(POLL_INTERVAL_MS, windowEndMs - this.context.kernel.nowMs());
          await sleep(this.context.kernel, waitMs, "lambda.esm.stream.window");
          records = this.read();
        }
        await this.settle(records);
      }
    } finally {
      this.busy = false;
    }
  }

  /** The records to deliver now: retained, and readable (the record-delay fault may hold some back). */
  private read(): StoredStreamRecord[] {
    const { kernel, mapping } = this.context;
    const nowMs = kernel.nowMs();
    const live = this.readStored().filter((r) => r.atMs > nowMs - RETENTION_MS);
    const delayMsMax = this.context.faults().recordDelayMsMax;
    const { records, nextAtMs } = this.delays.readable(live, nowMs, delayMsMax, mapping.functionName);
    // A record held back by the delay fault is waited for: nothing else would wake the poller.
    if (nextAtMs !== undefined && records.length === 0)
      kernel.schedule(nextAtMs - nowMs, "lambda.esm.stream.recordDelay", () => this.wake());
    return records;
  }

  private readStored(): StoredStreamRecord[] {
    const { streams, mapping } = this.context;
    try {
      return streams.readShard(mapping.eventSourceArn, this.shardId, this.checkpoint, mapping.batchSize)
        .records;
    } catch {
      // The checkpoint's records were trimmed (24 h retention) while the shard was blocked: they
      // are lost, as in DynamoDB Streams; go on from the oldest retained record.
      if (this.checkpoint === undefined) return [];
      this.checkpoint = undefined;
      this.delays.clear();
      return this.readStored();
    }
  }

  /** Runs one batch to the end: success, or given up; bisected halves and partial retries included. */
  private async settle(records: StoredStreamRecord[]): Promise<void> {
    const pending: Attempt[] = [{ records, retries: 0, invokes: 0 }];
    let delayMs = 0;
    for (let attempt = pending.shift(); attempt !== undefined; attempt = pending.shift()) {
      if (!this.context.isRunning()) return;
      if (this.giveUpBeforeInvoke(attempt)) continue;
      const outcome = await this.invoke(attempt);
      const next = this.afterOutcome(attempt, outcome);
      if (next.length === 0) {
        delayMs = 0;
        continue;
      }
      if (outcome.kind !== "throttled") this.context.counters.retries++;
      pending.unshift(...next);
      delayMs = Math.min(Math.max(delayMs * 2, RETRY_FIRST_MS), RETRY_MAX_MS);
      await sleep(this.context.kernel, delayMs, "lambda.esm.stream.retry");
    }
  }

  private giveUpBeforeInvoke(attempt: Attempt): boolean {
    const { kernel, mapping } = this.context;
    const nowMs = kernel.nowMs();
    // Records that expired (24 h) while the batch retried are trimmed away: nothing to report.
    const expired = attempt.records.filter((r) => nowMs - r.atMs >= RETENTION_MS).length;
    if (expired > 0) {
      this.context.counters.recordsDiscarded += expired;
      this.advance(attempt.records.splice(0, expired));
      if (attempt.records.length === 0) return true;
    }
    const oldestMs = attempt.records[0]?.atMs ?? nowMs;
    if (mapping.maximumRecordAgeMs !== -1 && nowMs - oldestMs > mapping.maximumRecordAgeMs) {
      this.discard(attempt, "RecordAgeExceeded", attempt.last);
      return true;
    }
    return false;
  }

  private async invoke(attempt: Attempt): Promise<InvokeOutcome> {
    const { invoker, mapping, counters } = this.context;
    attempt.invokes++;
    counters.batches++;
    const links = attempt.records.map((r) => r.causeSpanId).filter((id): id is string => id !== undefined);
    const outcome = injectBatchFailure(
      this.context.kernel,
      this.context.faults(),
      mapping.functionName,
      await invoker.invoke({
        functionName: mapping.functionName,
        event: { Records: attempt.records.map(toLambdaRecord) },
        trigger: "dynamodb-stream",
        links: [...new Set(links)],
        attempt: attempt.invokes,
      }),
    );
    if (outcome.kind === "throttled") counters.throttles++;
    attempt.last = outcome;
    return outcome;
  }

  /** What to invoke next for this batch: nothing when it is settled. */
  private afterOutcome(attempt: Attempt, outcome: InvokeOutcome): Attempt[] {
    const { mapping, counters } = this.context;
    // A throttle is no function error: the same batch again, not counted against the retries.
    if (outcome.kind === "throttled") return [attempt];
    const { succeeded, partial } = succeededPrefix(attempt.records, outcome, mapping.reportBatchItemFailures);
    this.advance(attempt.records.slice(0, succeeded));
    if (succeeded === attempt.records.length) return [];
    if (partial) counters.partialFailures++;
    else counters.failedBatches++;
    const rest: Attempt = {
      records: attempt.records.slice(succeeded),
      retries: attempt.retries,
      invokes: attempt.invokes,
      last: outcome,
    };
    // Bisecting splits a batch that failed as a whole, and a split is not a retry.
    if (mapping.bisectBatchOnFunctionError && !partial && rest.records.length > 1) return bisect(rest);
    rest.retries++;
    if (mapping.maximumRetryAttempts !== -1 && rest.retries > mapping.maximumRetryAttempts) {
      this.discard(rest, "RetryAttemptsExhausted", outcome);
      return [];
    }
    return [rest];
  }

  private discard(
    attempt: Attempt,
    condition: StreamFailureCondition,
    outcome: InvokeOutcome | undefined,
  ): void {
    const { kernel, invoker, mapping, onFailure, counters } = this.context;
    counters.recordsDiscarded += attempt.records.length;
    this.advance(attempt.records);
    if (onFailure === undefined || mapping.onFailureDestination === undefined) return;
    onFailure(
      streamFailureRecord({
        batch: attempt.records,
        condition,
        requestId:
          outcome !== undefined && "requestId" in outcome
            ? outcome.requestId
            : kernel.uuid("lambda.esm.stream.failureRequestId"),
        functionArn: invoker.functionArn(mapping.functionName) ?? mapping.functionName,
        invokeCount: attempt.invokes,
        atMs: kernel.nowMs(),
        functionError: outcome?.kind === "function-error",
      }),
    );
    counters.recordsToDestination++;
  }

  private advance(records: readonly StoredStreamRecord[]): void {
    this.delays.forget(records);
    const last = records.at(-1);
    if (last !== undefined) this.checkpoint = last.record.dynamodb.SequenceNumber;
  }
}

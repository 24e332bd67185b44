import { SquallError } from "../../../core/errors.ts";
import type { KernelServices } from "../../../core/services.ts";
import { formatSequence } from "../../table/streams/shard.ts";
import type { FunctionInvoker } from "../invoker.ts";
import { emptyCounters, type MappingCounters } from "./counters.ts";
import type { ResolvedMapping } from "./definition.ts";
import type { FailureDestinationPort, StreamPort } from "./ports.ts";
import type { StreamFaultOptions } from "./stream-faults.ts";
import { ShardPoller } from "./stream-shard.ts";

/**
 * Lambda's DynamoDB Streams event source mapping: one poller per shard, each delivering its
 * shard's records in order, one batch at a time. A failing batch is retried (with back-off from
 * 1 s doubling to 60 s) and blocks its shard until it succeeds, its records expire (24 h), or
 * MaximumRetryAttempts / MaximumRecordAgeInSeconds is reached; then the batch is given up and, with
 * an on-failure destination, described to it. BisectBatchOnFunctionError splits a failing batch
 * in two (splits do not count as retries); ReportBatchItemFailures checkpoints at the lowest
 * failed sequence number and retries from there.
 *
 * Polling: instead of polling idle shards four times a second, a shard's poller is woken by the
 * store when a record arrives and polls at the next quarter-second tick; waiting records, the
 * batching window and retries are foreground work, so `runUntilIdle()` drains the stream.
 * Simplifications: ParallelizationFactor is 1; throttled invokes are retried with the same
 * back-off and do not count against MaximumRetryAttempts; the batching window starts at the poll
 * that first found records and is polled every 250 ms; there is no 6 MB payload cap (BatchSize alone bounds a batch).
 *
 * @example
 * const mapping = new StreamEventSourceMapping(kernel, invoker, resolveDefinition(def), streams, onFailure);
 * mapping.start();
 */
export class StreamEventSourceMapping {
  readonly counters: MappingCounters = emptyCounters();
  private readonly pollers = new Map<string, ShardPoller>();
  private running = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly kernel: KernelServices,
    private readonly invoker: FunctionInvoker,
    readonly mapping: ResolvedMapping,
    private readonly streams: StreamPort,
    private readonly onFailure: FailureDestinationPort | undefined,
    /** The stream fault knobs in force, asked at each read and invocation. Default: none. */
    private readonly faults: () => StreamFaultOptions = () => ({}),
  ) {
    if (mapping.onFailureDestination !== undefined && onFailure === undefined)
      throw new SquallError(
        `event source mapping ${mapping.name}: destinationConfig.onFailure names ${mapping.onFailureDestination} but no onFailure port was given; pass ports.onFailure`,
      );
  }

  /** Starts one poller per shard at the starting position; no-op when disabled or running. */
  start(): void {
    if (this.running || !this.mapping.enabled) return;
    const shards = this.streams.shardsOf(this.mapping.eventSourceArn);
    if (shards === undefined)
      throw new SquallError(
        `event source mapping ${this.mapping.name}: eventSourceArn names no stream (${this.mapping.eventSourceArn}); enable the table's stream before starting the mapping`,
      );
    this.running = true;
    const context = {
      kernel: this.kernel,
      invoker: this.invoker,
      mapping: this.mapping,
      streams: this.streams,
      onFailure: this.onFailure,
      counters: this.counters,
      faults: this.faults,
      isRunning: () => this.running,
    };
    // LATEST: just before the next record any stream will get; TRIM_HORIZON: the oldest retained.
    const start =
      this.mapping.startingPosition === "LATEST"
        ? formatSequence(this.streams.nextSequence() - 1)
        : undefined;
    for (const shard of shards) {
      if (this.pollers.has(shard.shardId)) continue;
      this.pollers.set(shard.shardId, new ShardPoller(context, shard.shardId, start));
    }
    this.unsubscribe = this.streams.subscribe((stored) => {
      if (stored.streamArn === this.mapping.eventSourceArn) this.pollers.get(stored.shardId)?.wake();
    });
    for (const poller of this.pollers.values()) poller.wake();
  }

  /** Stops after the invocation in flight; checkpoints are kept, so `start()` resumes from them. */
  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

import type { Message } from "@aws-sdk/client-sqs";
import { SquallError } from "../../../core/errors.ts";
import type { KernelServices } from "../../../core/services.ts";
import type { FunctionInvoker } from "../invoker.ts";
import { partialFailures } from "./batch-response.ts";
import { toSqsEvent } from "./sqs-event.ts";

/** What an SQS event source mapping needs of the simulated SQS (`SqsService` has it). */
export interface QueuePort {
  queueByArn(arn: string): { url: string; arn: string; fifo: boolean } | undefined;
  receive(
    queueUrl: string,
    request: { maxMessages: number; waitTimeSeconds: number },
    mode: { background: boolean },
  ): Promise<Message[]>;
  deleteByReceipt(queueUrl: string, receiptHandle: string): void;
  /** The trace span a received message was sent in, for causality links. */
  sentInSpanOf?(queueUrl: string, receiptHandle: string): string | undefined;
}

/** An SQS event source mapping, as CreateEventSourceMapping takes it. */
export interface SqsMappingDefinition {
  readonly functionName: string;
  readonly queueArn: string;
  /** Default 10. */
  readonly batchSize?: number;
  /** Default 0: a batch is whatever one receive returns. */
  readonly maximumBatchingWindowSeconds?: number;
  readonly reportBatchItemFailures?: boolean;
  /** ScalingConfig.MaximumConcurrency: at most this many batches in flight. */
  readonly maximumConcurrency?: number;
}

/** Counters of one mapping. */
export interface SqsMappingCounters {
  batches: number;
  /** Batches that failed as a whole (function error, timeout, malformed partial response). */
  failedBatches: number;
  /** Messages reported in `batchItemFailures`. */
  partialFailures: number;
  /** Invocations refused for concurrency; their messages return after the visibility timeout. */
  throttled: number;
}

// Lambda's documented scaling for standard queues: five concurrent batches at first, then up to
// 300 more per minute while messages wait, up to 1,250 (or MaximumConcurrency).
const INITIAL_POLLERS = 5;
const MAX_POLLERS = 1250;
const SCALE_UP_PER_MINUTE = 300;
const LONG_POLL_SECONDS = 20;
const THROTTLE_BACKOFF_MS = 1000;

/**
 * Lambda's poller for an SQS queue: long-polls the queue (idle polls are background work, so
 * `runUntilIdle()` is not kept busy by an empty queue), gathers a batch within the batching
 * window, invokes the function, and deletes what succeeded. On a function error every message of
 * the batch stays and returns after its visibility timeout; with `reportBatchItemFailures` only
 * the reported ones do. Simplification: scaling down happens only on throttles, one poller each.
 *
 * @example
 * const mapping = new SqsEventSourceMapping(kernel, lambda, sqs, { functionName: "reserve", queueArn, batchSize: 10 }, "us-east-1");
 * mapping.start();
 */
export class SqsEventSourceMapping {
  readonly counters: SqsMappingCounters = { batches: 0, failedBatches: 0, partialFailures: 0, throttled: 0 };
  private readonly queueUrl: string;
  private readonly batchSize: number;
  private readonly windowMs: number;
  private readonly maxPollers: number;
  private pollers = 0;
  private stopped = true;
  private minuteStartMs = 0;
  private addedThisMinute = 0;

  constructor(
    private readonly kernel: KernelServices,
    private readonly invoker: FunctionInvoker,
    private readonly queues: QueuePort,
    private readonly definition: SqsMappingDefinition,
    private readonly region: string,
  ) {
    const queue = queues.queueByArn(definition.queueArn);
    if (queue === undefined)
      throw new SquallError(
        `event source mapping of ${definition.functionName}: no queue ${definition.queueArn}`,
      );
    this.queueUrl = queue.url;
    this.batchSize = definition.batchSize ?? 10;
    this.windowMs = (definition.maximumBatchingWindowSeconds ?? 0) * 1000;
    this.maxPollers = Math.min(definition.maximumConcurrency ?? MAX_POLLERS, MAX_POLLERS);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (let i = 0; i < Math.min(INITIAL_POLLERS, this.maxPollers); i++) this.addPoller();
  }

  /** Stops polling; receives already waiting end with their wait. */
  stop(): void {
    this.stopped = true;
  }

  private addPoller(): void {
    this.pollers++;
    this.kernel.schedule(0, `lambda.sqs-poller.${this.definition.functionName}`, () => void this.poll());
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      const batch = await this.gather();
      if (batch.length === 0) continue;
      if (batch.length >= this.batchSize) this.scaleUp();
      const keep = await this.process(batch);
      if (keep === "retire") {
        this.pollers--;
        return;
      }
    }
    this.pollers--;
  }

  private async gather(): Promise<Message[]> {
    const first = await this.receive(LONG_POLL_SECONDS, true);
    if (first.length === 0 || this.windowMs === 0 || first.length >= this.batchSize) return first;
    // Messages in hand: the rest of the window is foreground work, it ends in an invocation.
    const batch = [...first];
    const deadlineMs = this.kernel.nowMs() + this.windowMs;
    while (!this.stopped && batch.length < this.batchSize && this.kernel.nowMs() < deadlineMs) {
      const waitSeconds = Math.max(
        0,
        Math.min(LONG_POLL_SECONDS, Math.floor((deadlineMs - this.kernel.nowMs()) / 1000)),
      );
      const more = await this.receive(waitSeconds, false, this.batchSize - batch.length);
      batch.push(...more);
      if (more.length === 0 && waitSeconds === 0) await this.sleep(deadlineMs - this.kernel.nowMs());
    }
    return batch;
  }

  private receive(waitTimeSeconds: number, background: boolean, room = this.batchSize): Promise<Message[]> {
    const maxMessages = Math.min(10, room);
    return this.queues.receive(this.queueUrl, { maxMessages, waitTimeSeconds }, { background });
  }

  private async process(batch: Message[]): Promise<"continue" | "retire"> {
    this.counters.batches++;
    const links = batch.flatMap(
      (m) => this.queues.sentInSpanOf?.(this.queueUrl, m.ReceiptHandle ?? "") ?? [],
    );
    const outcome = await this.invoker.invoke({
      functionName: this.definition.functionName,
      event: toSqsEvent(batch, this.definition.queueArn, this.region),
      trigger: "sqs",
      links,
    });
    if (outcome.kind === "throttled") {
      this.counters.throttled++;
      await this.sleep(THROTTLE_BACKOFF_MS);
      return this.pollers > 1 ? "retire" : "continue";
    }
    if (outcome.kind === "function-error") {
      this.counters.failedBatches++;
      return "continue";
    }
    const failed = this.definition.reportBatchItemFailures
      ? partialFailures(
          outcome.result,
          batch.map((m) => m.MessageId ?? ""),
        )
      : new Set<string>();
    if (failed === "all") {
      this.counters.failedBatches++;
      return "continue";
    }
    this.counters.partialFailures += failed.size;
    for (const message of batch) if (!failed.has(message.MessageId ?? "")) this.delete(message);
    return "continue";
  }

  private delete(message: Message): void {
    try {
      this.queues.deleteByReceipt(this.queueUrl, message.ReceiptHandle ?? "");
    } catch {
      // The receipt went stale (the message became visible again and was received anew): SQS
      // refuses the delete and the message will be processed again, as at-least-once allows.
    }
  }

  private scaleUp(): void {
    const now = this.kernel.nowMs();
    if (now - this.minuteStartMs >= 60_000) {
      this.minuteStartMs = now;
      this.addedThisMinute = 0;
    }
    if (this.pollers < this.maxPollers && this.addedThisMinute < SCALE_UP_PER_MINUTE) {
      this.addedThisMinute++;
      this.addPoller();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.kernel.schedule(Math.max(0, ms), "lambda.sqs-poller.wait", resolve));
  }
}

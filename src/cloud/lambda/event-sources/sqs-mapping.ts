import type { Message } from "@aws-sdk/client-sqs";
import { SquallError } from "../../../core/errors.ts";
import type { KernelServices } from "../../../core/services.ts";
import type { FunctionInvoker, InvokeOutcome } from "../invoker.ts";
import { readBatchResponse } from "./batch-response.ts";
import { emptyCounters, type MappingCounters, sleep } from "./counters.ts";
import type { ResolvedMapping } from "./definition.ts";
import type { QueuePort } from "./ports.ts";
import { toSqsRecord } from "./sqs-event.ts";

// Lambda's documented scaling for SQS (developer guide, "Configuring scaling behavior for SQS
// event source mappings"): five concurrent batches at first, up to 300 more per minute while
// messages are available, at most 1,000 batches at once, back to five when traffic is low.
const INITIAL_POLLERS = 5;
const MAX_POLLERS = 1000;
const SCALE_UP_INTERVAL_MS = 60_000 / 300;
const LONG_POLL_SECONDS = 20;
const MAX_RECEIVE = 10;
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 60_000;

/**
 * Lambda's pollers for one SQS queue. Each poller long-polls the queue (an empty wait is background
 * work, so an idle queue does not keep `runUntilIdle()` busy), gathers a batch — with a batching
 * window, receives go on until the batch is full or the window ends —, invokes the function and
 * deletes what succeeded. On a function error, a timeout, an invalid partial response or a
 * throttle, the messages stay and return after their visibility timeout (their
 * ApproximateReceiveCount rises, and the queue's redrive policy applies).
 *
 * Simplifications: a poller is one concurrent batch; scale-up adds one poller each time a receive
 * comes back full (at most one per 200 ms, i.e. 300 a minute, up to MaximumConcurrency or 1,000); a throttle removes one
 * poller (never below one) and backs that poller off exponentially (1 s doubling to 60 s); a
 * poller above the first five leaves after an empty long poll. The batching window is rounded up
 * to whole seconds of receive wait. FIFO order comes from the queue, which keeps one in-flight
 * batch per message group; Lambda keeps the received order in the event.
 *
 * @example
 * const mapping = new SqsEventSourceMapping(kernel, invoker, resolveDefinition(def), sqs, "us-east-1");
 * mapping.start();
 */
export class SqsEventSourceMapping {
  readonly counters: MappingCounters = emptyCounters();
  private queueUrl = "";
  private running = false;
  private pollers = 0;
  private targetPollers = INITIAL_POLLERS;
  private nextScaleUpMs = 0;

  constructor(
    private readonly kernel: KernelServices,
    private readonly invoker: FunctionInvoker,
    readonly mapping: ResolvedMapping,
    private readonly queues: QueuePort,
    private readonly region: string,
  ) {}

  /** Pollers (concurrent batches) running now. */
  get pollerCount(): number {
    return this.pollers;
  }

  /** Starts the first five pollers (fewer with a lower MaximumConcurrency); no-op when disabled. */
  start(): void {
    if (this.running || !this.mapping.enabled) return;
    const url = this.queues.queueUrlOf(this.mapping.eventSourceArn);
    if (url === undefined)
      throw new SquallError(
        `event source mapping ${this.mapping.name}: eventSourceArn names no queue (${this.mapping.eventSourceArn}); create the queue before starting the mapping`,
      );
    this.queueUrl = url;
    this.running = true;
    this.targetPollers = Math.min(INITIAL_POLLERS, this.maxPollers());
    while (this.pollers < this.targetPollers) this.addPoller();
  }

  /** Stops polling; waits in progress end with their wait, held messages return to the queue. */
  stop(): void {
    this.running = false;
  }

  private maxPollers(): number {
    return this.mapping.maximumConcurrency ?? MAX_POLLERS;
  }

  private addPoller(): void {
    this.pollers++;
    void this.poll();
  }

  private async poll(): Promise<void> {
    let backoffMs = 0;
    try {
      while (this.running && this.pollers <= this.targetPollers) {
        const messages = await this.gather();
        if (!this.running) return;
        if (messages.length === 0) {
          if (this.pollers > INITIAL_POLLERS) {
            // Low traffic: back towards five pollers, one at a time.
            this.targetPollers = Math.min(this.targetPollers, this.pollers - 1);
            return;
          }
          continue;
        }
        if (messages.length >= Math.min(this.mapping.batchSize, MAX_RECEIVE)) this.scaleUp();
        const throttled = await this.process(messages);
        backoffMs = throttled ? Math.min(Math.max(backoffMs * 2, BACKOFF_FIRST_MS), BACKOFF_MAX_MS) : 0;
        if (backoffMs > 0) await sleep(this.kernel, backoffMs, "lambda.esm.sqs.backoff");
      }
    } finally {
      // Runs as the loop returns, before any other poller checks the count.
      this.pollers--;
    }
  }

  /** One batch: a background long poll, then, within the batching window, more receives. */
  private async gather(): Promise<Message[]> {
    const { batchSize, batchingWindowMs } = this.mapping;
    const batch = await this.receive(Math.min(batchSize, MAX_RECEIVE), LONG_POLL_SECONDS, true);
    if (batch.length === 0 || batchingWindowMs === 0) return batch;
    const deadlineMs = this.kernel.nowMs() + batchingWindowMs;
    while (batch.length < batchSize && this.running) {
      const remainingMs = deadlineMs - this.kernel.nowMs();
      if (remainingMs <= 0) break;
      const waitSeconds = Math.min(LONG_POLL_SECONDS, Math.ceil(remainingMs / 1000));
      // Foreground: the poller holds messages, so the simulation is not idle.
      batch.push(
        ...(await this.receive(Math.min(batchSize - batch.length, MAX_RECEIVE), waitSeconds, false)),
      );
    }
    return batch;
  }

  private async receive(
    maxMessages: number,
    waitTimeSeconds: number,
    background: boolean,
  ): Promise<Message[]> {
    try {
      return await this.queues.receive(this.queueUrl, { maxMessages, waitTimeSeconds }, { background });
    } catch {
      // The queue was deleted or purged away: Lambda keeps polling; wait a long poll's time.
      await sleep(this.kernel, LONG_POLL_SECONDS * 1000, "lambda.esm.sqs.receiveError", true);
      return [];
    }
  }

  /** Invokes with one batch and settles it; returns whether the invoke was throttled. */
  private async process(messages: Message[]): Promise<boolean> {
    const event = { Records: messages.map((m) => toSqsRecord(m, this.mapping.eventSourceArn, this.region)) };
    const links = messages
      .map((m) => this.queues.sentInSpanOf?.(this.queueUrl, m.ReceiptHandle ?? ""))
      .filter((id): id is string => id !== undefined);
    this.counters.batches++;
    const outcome = await this.invoker.invoke({
      functionName: this.mapping.functionName,
      event,
      trigger: "sqs",
      links,
      attempt: Math.max(1, ...messages.map((m) => Number(m.Attributes?.ApproximateReceiveCount ?? 1))),
    });
    if (outcome.kind === "throttled") {
      this.counters.throttles++;
      this.targetPollers = Math.max(1, this.targetPollers - 1);
      return true;
    }
    for (const message of this.succeeded(messages, outcome)) this.delete(message);
    return false;
  }

  private succeeded(messages: Message[], outcome: Exclude<InvokeOutcome, { kind: "throttled" }>): Message[] {
    if (outcome.kind === "function-error") {
      this.counters.failedBatches++;
      return [];
    }
    if (!this.mapping.reportBatchItemFailures) return messages;
    const verdict = readBatchResponse(outcome.result, new Set(messages.map((m) => m.MessageId ?? "")));
    if (verdict.kind === "invalid") {
      this.counters.failedBatches++;
      return [];
    }
    if (verdict.kind === "all-succeeded") return messages;
    this.counters.partialFailures++;
    return messages.filter((m) => !verdict.failedIds.includes(m.MessageId ?? ""));
  }

  private delete(message: Message): void {
    try {
      this.queues.deleteByReceipt(this.queueUrl, message.ReceiptHandle ?? "");
    } catch {
      // A receipt that no longer deletes (the queue is gone): the message is beyond our reach.
    }
  }

  /** Adds a poller, spreading AWS's "up to 300 per minute" evenly: one per 200 ms at most. */
  private scaleUp(): void {
    const nowMs = this.kernel.nowMs();
    if (!this.running || nowMs < this.nextScaleUpMs || this.targetPollers >= this.maxPollers()) return;
    this.nextScaleUpMs = nowMs + SCALE_UP_INTERVAL_MS;
    this.targetPollers++;
    this.addPoller();
  }
}

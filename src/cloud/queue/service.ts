import type { Message } from "@aws-sdk/client-sqs";
import type { KernelServices } from "../../core/services.ts";
import type { SimulatedService } from "../services.ts";
import { SqsEngine } from "./engine.ts";
import { queueDoesNotExist, sqsError, unmodelled } from "./errors.ts";
import { checkInt, type Input, isRecord } from "./input.ts";
import { receiveOrWait } from "./long-poll.ts";
import { LIMITS, type QueueCounters } from "./model.ts";
import { OPERATIONS, type Output } from "./operations.ts";
import { type DeliveryFaults, type SqsServiceOptions, validateFaults, validateOptions } from "./options.ts";
import { changeVisibility, deleteMessage } from "./receipts.ts";
import { ALL_ATTRIBUTES, toMessage } from "./receive.ts";
import { enqueue, readSendRequest } from "./send.ts";
import type { QueuedMessage, QueueInfo, ServiceMessage, ServiceReceiveRequest } from "./types.ts";

/** Re-exported so that callers import the service and its options from one file. */
export type {
  DeliveryFaults,
  QueuedMessage,
  QueueInfo,
  ServiceMessage,
  ServiceReceiveRequest,
  SqsServiceOptions,
};

/**
 * The simulated SQS: standard and FIFO queues on virtual time, in the low-level SDK shapes,
 * failing with {@link AwsServiceError}s named as the SDK's exception shapes.
 *
 * Standard queues are at-least-once and only roughly ordered in AWS. Here, with the knobs
 * `duplicateDeliveryProbability` and `reorderWindowMs` at 0 (the default), a standard queue
 * delivers each message once per visibility period and in send order — deterministic, which is
 * the easy case; turn the knobs on to test for duplicates and reordering (both drawn from the
 * choice stream). FIFO queues are never affected by them.
 *
 * @example
 * const sqs = new SqsService(kernel, { duplicateDeliveryProbability: 0.05 });
 * const { QueueUrl } = sqs.handle("CreateQueue", { QueueName: "Orders" }) as { QueueUrl: string };
 * sqs.handle("SendMessage", { QueueUrl, MessageBody: "hello" });
 * const { Messages } = await sqs.handle("ReceiveMessage", { QueueUrl, WaitTimeSeconds: 20 });
 */
export class SqsService implements SimulatedService {
  readonly serviceId = "SQS";
  private readonly engine: SqsEngine;

  constructor(kernel: KernelServices, options: SqsServiceOptions = {}) {
    this.engine = new SqsEngine(kernel, validateOptions(options));
  }

  /**
   * Runs one SQS operation. ReceiveMessage returns a promise (it may long poll); every other
   * operation answers synchronously.
   */
  handle(
    operation: string,
    input: Record<string, unknown>,
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (run === undefined) throw unmodelled(operation, `the operation ${operation}`);
    if (!isRecord(input))
      throw sqsError("InvalidParameterValue", `${operation}: the request must be an object`);
    return run(this.engine, input) as Output | Promise<Output>;
  }

  /** The queue with this ARN, or undefined. */
  queueByArn(arn: string): QueueInfo | undefined {
    const queue = this.engine.byArn(arn);
    return queue === undefined
      ? undefined
      : { name: queue.name, url: queue.url, arn: queue.arn, fifo: queue.fifo };
  }

  /** The URL of the queue with this ARN, or undefined. */
  queueUrlOf(arn: string): string | undefined {
    return this.engine.byArn(arn)?.url;
  }

  /**
   * Sends a message on behalf of another service (SNS delivery, a Lambda destination), with the
   * same checks and semantics as SendMessage. Returns the MessageId; throws AwsServiceError.
   *
   * @example
   * const id = sqs.sendFromService(queueArn, { body: JSON.stringify(envelope) });
   */
  sendFromService(queueArn: string, message: ServiceMessage): string {
    const queue = this.engine.byArn(queueArn);
    if (queue === undefined) throw queueDoesNotExist("SendMessage", queueArn);
    const input: Input = {
      MessageBody: message.body,
      MessageAttributes: message.messageAttributes,
      MessageGroupId: message.messageGroupId,
      MessageDeduplicationId: message.messageDeduplicationId,
      MessageSystemAttributes: message.messageSystemAttributes,
    };
    const senderId = message.senderId ?? this.engine.settings.accountId;
    return enqueue(this.engine, queue, readSendRequest(queue, input), senderId).MessageId as string;
  }

  /**
   * Receives for a poller inside the simulation (Lambda's event source mapping), with every system
   * and message attribute. With `background: true` an empty long poll does not keep
   * `runUntilIdle()` busy; a message arriving still answers it at once.
   *
   * @example
   * const messages = await sqs.receive(url, { maxMessages: 10, waitTimeSeconds: 20 }, { background: true });
   */
  async receive(
    queueUrl: string,
    request: ServiceReceiveRequest,
    options: { background: boolean },
  ): Promise<Message[]> {
    const queue = this.engine.byUrl("ReceiveMessage", queueUrl);
    const { maxMessages, waitTimeSeconds, visibilityTimeoutSeconds } = request;
    checkInt("MaxNumberOfMessages", maxMessages, 1, LIMITS.maxBatchEntries);
    checkInt("WaitTimeSeconds", waitTimeSeconds, 0, LIMITS.maxWaitTimeSeconds);
    if (visibilityTimeoutSeconds !== undefined) {
      checkInt("VisibilityTimeout", visibilityTimeoutSeconds, 0, LIMITS.maxVisibilityTimeoutSeconds);
    }
    const deliveries = await receiveOrWait(
      this.engine,
      queue,
      { maxMessages, visibilityTimeoutSeconds, waitTimeSeconds },
      options.background,
    );
    return deliveries.map((d) => toMessage(d, ALL_ATTRIBUTES));
  }

  /** Deletes a received message (DeleteMessage's rules); throws AwsServiceError. */
  deleteByReceipt(queueUrl: string, receiptHandle: string): void {
    deleteMessage(this.engine, this.engine.byUrl("DeleteMessage", queueUrl), receiptHandle);
  }

  /** Changes a received message's visibility timeout (ChangeMessageVisibility's rules). */
  changeVisibility(queueUrl: string, receiptHandle: string, seconds: number): void {
    changeVisibility(
      this.engine,
      this.engine.byUrl("ChangeMessageVisibility", queueUrl),
      receiptHandle,
      seconds,
    );
  }

  /**
   * The trace span that sent the message a receipt handle names (the SDK call or invocation that
   * called SendMessage, or SNS's delivery), so a consumer's invocation can link to its cause.
   * Undefined when the message is gone or was sent outside any span.
   *
   * @example
   * const causeSpanId = sqs.sentInSpanOf(url, message.ReceiptHandle);
   */
  sentInSpanOf(queueUrl: string, receiptHandle: string): string | undefined {
    const queue = this.engine.byUrl("ReceiveMessage", queueUrl);
    return this.engine.readReceipt(queue, receiptHandle).message?.sentInSpanId;
  }

  /**
   * Changes the delivery faults of standard queues from now on (sends and receives after the
   * call); knobs left out keep their value. For fault plans: a fault phase, then a liveness
   * phase with `{ duplicateDeliveryProbability: 0, reorderWindowMs: 0 }`.
   *
   * @example
   * sqs.setDeliveryFaults({ duplicateDeliveryProbability: 0 });
   */
  setDeliveryFaults(faults: DeliveryFaults): void {
    Object.assign(this.engine.settings, validateFaults(faults));
  }

  /**
   * The messages a queue holds, in delivery order, without receiving them (for invariants and
   * reports: "the DLQ is empty"). Undefined when the queue does not exist.
   *
   * @example
   * expect(sqs.peekMessages("Orders-dlq")).toEqual([]);
   */
  peekMessages(queueName: string): QueuedMessage[] | undefined {
    const queue = this.engine.queues.get(queueName);
    if (queue === undefined) return undefined;
    const nowMs = this.engine.kernel.nowMs();
    return [...queue.messages.values()].map((m) => ({
      messageId: m.messageId,
      body: m.body,
      receiveCount: m.receiveCount,
      state: m.visibleAtMs <= nowMs ? "visible" : m.receiveCount > 0 ? "inFlight" : "delayed",
      ...(m.groupId === undefined ? {} : { groupId: m.groupId }),
    }));
  }

  /**
   * Counters of every existing queue by name: sent, received, deleted, duplicates delivered,
   * messages moved to the DLQ, expired. Copies, safe to keep.
   */
  counters(): Record<string, QueueCounters> {
    const out: Record<string, QueueCounters> = {};
    for (const [name, queue] of this.engine.queues) out[name] = { ...queue.counters };
    return out;
  }

  /** Names of the existing queues, sorted. */
  queueNames(): string[] {
    return [...this.engine.queues.keys()].sort();
  }
}

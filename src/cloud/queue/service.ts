import type { Message, MessageAttributeValue } from "@aws-sdk/client-sqs";
import { SquallError } from "../../core/errors.ts";
import type { KernelServices } from "../../core/services.ts";
import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listQueues,
  setQueueAttributes,
} from "./control.ts";
import { SqsEngine } from "./engine.ts";
import { invalidParameter, queueDoesNotExist, sqsError, unmodelled } from "./errors.ts";
import { type Input, isRecord } from "./input.ts";
import { receiveOrWait } from "./long-poll.ts";
import {
  changeMessageVisibilityBatch,
  changeMessageVisibilityOp,
  deleteMessageBatch,
  deleteMessageOp,
  purgeQueue,
  sendMessage,
  sendMessageBatch,
} from "./message-ops.ts";
import { LIMITS, type QueueCounters } from "./model.ts";
import { changeVisibility, deleteMessage } from "./receipts.ts";
import { ALL_ATTRIBUTES, receiveMessage, toMessage } from "./receive.ts";
import { enqueue, readSendRequest } from "./send.ts";

/** Options of {@link SqsService}. */
export interface SqsServiceOptions {
  /** Region in queue URLs and ARNs. Default `us-east-1`. */
  region?: string;
  /** Account id in queue URLs and ARNs (12 digits). Default `000000000000`. */
  accountId?: string;
  /**
   * Standard queues only: the probability in [0, 1] that a delivered message is also delivered
   * again later (a copy with the same MessageId), drawn per delivery as `sqs.<queue>.duplicate`.
   * Default 0.
   */
  duplicateDeliveryProbability?: number;
  /**
   * Standard queues only: each sent message becomes visible after an extra delay drawn from
   * [0, reorderWindowMs] (`sqs.<queue>.reorderDelayMs`), so messages sent close together may
   * arrive out of order. Default 0.
   */
  reorderWindowMs?: number;
}

/** A queue as other simulated services see it. */
export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly fifo: boolean;
}

/** A message another service (SNS, Lambda destinations) puts on a queue. */
export interface ServiceMessage {
  body: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  messageSystemAttributes?: Record<string, MessageAttributeValue>;
  /** SenderId the receiver sees. Default: the account id. */
  senderId?: string;
}

/** What a poller inside the simulation receives. */
export interface ServiceReceiveRequest {
  maxMessages: number;
  visibilityTimeoutSeconds?: number;
  waitTimeSeconds: number;
}

/** Operations return the SDK's output interfaces, which are records without an index signature. */
type Operation = (engine: SqsEngine, input: Input) => object | Promise<object>;
type Output = Record<string, unknown>;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateQueue: createQueue,
  DeleteQueue: deleteQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessageOp,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibilityOp,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  PurgeQueue: purgeQueue,
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
export class SqsService {
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
    const { maxMessages, waitTimeSeconds } = request;
    const visibilityTimeoutSeconds = request.visibilityTimeoutSeconds;
    if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > LIMITS.maxBatchEntries) {
      throw invalidParameter("MaxNumberOfMessages", maxMessages, "Must be between 1 and 10, if provided.");
    }
    if (
      !Number.isInteger(waitTimeSeconds) ||
      waitTimeSeconds < 0 ||
      waitTimeSeconds > LIMITS.maxWaitTimeSeconds
    ) {
      throw invalidParameter("WaitTimeSeconds", waitTimeSeconds, "Must be >= 0 and <= 20, if provided.");
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

function validateOptions(options: SqsServiceOptions) {
  const probability = options.duplicateDeliveryProbability ?? 0;
  if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
    throw new SquallError(
      `SQS option duplicateDeliveryProbability must be a number in [0, 1], got ${String(probability)}`,
    );
  }
  const reorderWindowMs = options.reorderWindowMs ?? 0;
  if (!Number.isSafeInteger(reorderWindowMs) || reorderWindowMs < 0) {
    throw new SquallError(
      `SQS option reorderWindowMs must be a non-negative integer of ms, got ${String(reorderWindowMs)}`,
    );
  }
  const accountId = options.accountId ?? "000000000000";
  if (!/^\d{12}$/.test(accountId)) {
    throw new SquallError(`SQS option accountId must be 12 digits, got "${accountId}"`);
  }
  const region = options.region ?? "us-east-1";
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new SquallError(`SQS option region must look like "us-east-1", got "${region}"`);
  }
  return { region, accountId, duplicateDeliveryProbability: probability, reorderWindowMs };
}

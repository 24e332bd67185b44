import { createHash } from "node:crypto";
import type { Message } from "@aws-sdk/client-sqs";
import type { KernelServices } from "../../../../core/services.ts";
import type { QueuePort } from "../ports.ts";

interface Stored {
  readonly id: string;
  readonly body: string;
  readonly groupId: string | undefined;
  readonly sentAtMs: number;
  readonly spanId: string | undefined;
  readonly attributes: Message["MessageAttributes"];
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveMs: number | undefined;
}

/**
 * A small in-memory SQS queue for the mappings' tests: visibility timeouts, receive counts, long
 * polls (background or not) and FIFO groups with one in-flight batch per group. Not the simulated
 * SQS: no limits, no redrive, no deduplication.
 *
 * @example
 * const queue = new FakeQueue(kernel, { name: "Orders", visibilityTimeoutSeconds: 30 });
 * queue.send("hello");
 */
export class FakeQueue implements QueuePort {
  readonly arn: string;
  readonly url: string;
  /** Messages not yet deleted, in send order. */
  readonly stored: Stored[] = [];
  /** Every receive made, with the number of messages it returned. */
  readonly receives: { maxMessages: number; returned: number; background: boolean }[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;

  constructor(
    private readonly kernel: KernelServices,
    private readonly options: { name: string; visibilityTimeoutSeconds?: number; spanIds?: boolean },
  ) {
    this.arn = `arn:aws:sqs:us-east-1:123456789012:${options.name}`;
    this.url = `https://sqs.us-east-1.amazonaws.com/123456789012/${options.name}`;
  }

  private get fifo(): boolean {
    return this.options.name.endsWith(".fifo");
  }

  /** Sends a message; returns its id (`m-1`, `m-2`, …). */
  send(
    body: string,
    options: { groupId?: string; attributes?: Message["MessageAttributes"]; spanId?: string } = {},
  ): string {
    const id = `m-${this.nextId++}`;
    this.stored.push({
      id,
      body,
      groupId: options.groupId,
      sentAtMs: this.kernel.nowMs(),
      spanId: options.spanId,
      attributes: options.attributes,
      visibleAtMs: this.kernel.nowMs(),
      receiveCount: 0,
      firstReceiveMs: undefined,
    });
    this.wakeWaiters();
    return id;
  }

  queueUrlOf(arn: string): string | undefined {
    return arn === this.arn ? this.url : undefined;
  }

  receive(
    _queueUrl: string,
    options: { maxMessages: number; visibilityTimeoutSeconds?: number; waitTimeSeconds: number },
    mode: { background: boolean },
  ): Promise<Message[]> {
    const taken = this.take(options.maxMessages, options.visibilityTimeoutSeconds);
    if (taken.length > 0 || options.waitTimeSeconds === 0)
      return Promise.resolve(this.log(options, taken, mode));
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        cancel();
        resolve(this.log(options, this.take(options.maxMessages, options.visibilityTimeoutSeconds), mode));
      };
      const cancel = this.kernel.schedule(options.waitTimeSeconds * 1000, "fake-queue.wait", finish, mode);
      this.waiters.push(finish);
    });
  }

  deleteByReceipt(_queueUrl: string, receiptHandle: string): void {
    const index = this.stored.findIndex((m) => receiptHandle.startsWith(`${m.id}#`));
    if (index >= 0) this.stored.splice(index, 1);
  }

  changeVisibility(_queueUrl: string, receiptHandle: string, seconds: number): void {
    const message = this.stored.find((m) => receiptHandle.startsWith(`${m.id}#`));
    if (message !== undefined) this.hide(message, seconds);
  }

  sentInSpanOf(_queueUrl: string, receiptHandle: string): string | undefined {
    return this.stored.find((m) => receiptHandle.startsWith(`${m.id}#`))?.spanId;
  }

  private log(options: { maxMessages: number }, taken: Message[], mode: { background: boolean }): Message[] {
    this.receives.push({
      maxMessages: options.maxMessages,
      returned: taken.length,
      background: mode.background,
    });
    return taken;
  }

  private take(maxMessages: number, visibilityTimeoutSeconds: number | undefined): Message[] {
    const nowMs = this.kernel.nowMs();
    const busyGroups = new Set(this.stored.filter((m) => m.visibleAtMs > nowMs).map((m) => m.groupId));
    const out: Message[] = [];
    for (const message of this.stored) {
      if (out.length >= maxMessages) break;
      // FIFO: a group with a message in flight is blocked, and so is the rest of that group.
      if (this.fifo && busyGroups.has(message.groupId)) continue;
      if (message.visibleAtMs > nowMs) continue;
      message.receiveCount++;
      message.firstReceiveMs ??= nowMs;
      this.hide(message, visibilityTimeoutSeconds ?? this.options.visibilityTimeoutSeconds ?? 30);
      out.push(this.toMessage(message));
    }
    return out;
  }

  private hide(message: Stored, seconds: number): void {
    message.visibleAtMs = this.kernel.nowMs() + seconds * 1000;
    // Foreground, as a message in flight is pending work of the queue.
    this.kernel.schedule(seconds * 1000, "fake-queue.visible", () => this.wakeWaiters());
  }

  private wakeWaiters(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private toMessage(message: Stored): Message {
    return {
      MessageId: message.id,
      ReceiptHandle: `${message.id}#${message.receiveCount}`,
      Body: message.body,
      MD5OfBody: createHash("md5").update(message.body).digest("hex"),
      Attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAtMs),
        SenderId: "AIDAEXAMPLE",
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveMs),
        ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
      },
      ...(message.attributes === undefined ? {} : { MessageAttributes: message.attributes }),
    };
  }
}

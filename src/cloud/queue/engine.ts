import type { KernelServices } from "../../core/services.ts";
import { queueDoesNotExist, sqsError } from "./errors.ts";
import type { StoredMessage } from "./model.ts";
import type { Queue } from "./queue.ts";

/** Settings of the simulated SQS, validated by the service. */
export interface EngineSettings {
  readonly region: string;
  readonly accountId: string;
  /** Changed during a run by {@link SqsService.setDeliveryFaults} (a fault phase, then none). */
  duplicateDeliveryProbability: number;
  reorderWindowMs: number;
  redeliveryProbability: number;
  deliveryDelayMsMax: number;
}

/**
 * The state shared by all SQS operations of one simulated account and region: queues by name,
 * recently deleted names, and the counters that make keys and receipt handles deterministic.
 *
 * @example
 * const queue = engine.byUrl("SendMessage", input.QueueUrl);
 */
export class SqsEngine {
  readonly queues = new Map<string, Queue>();
  /** When a queue name was last deleted, for QueueDeletedRecently. */
  readonly deletedAtMs = new Map<string, number>();
  private keySerial = 0;
  private receiptSerial = 0;
  private sequence = 0n;

  constructor(
    readonly kernel: KernelServices,
    readonly settings: EngineSettings,
  ) {}

  urlOf(name: string): string {
    return `https://sqs.${this.settings.region}.amazonaws.com/${this.settings.accountId}/${name}`;
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.settings.region}:${this.settings.accountId}:${name}`;
  }

  /** The queue a QueueUrl names; QueueDoesNotExist otherwise. Any host is accepted, as SDK endpoints vary. */
  byUrl(operation: string, url: string): Queue {
    const match = /^https?:\/\/[^/]+\/(\d{12})\/([^/?#]+)\/?$/.exec(url);
    const queue = match?.[1] === this.settings.accountId ? this.queues.get(match[2] ?? "") : undefined;
    if (queue === undefined) throw queueDoesNotExist(operation, url);
    return queue;
  }

  /** The queue an ARN names, or undefined. */
  byArn(arn: string): Queue | undefined {
    const prefix = `arn:aws:sqs:${this.settings.region}:${this.settings.accountId}:`;
    return arn.startsWith(prefix) ? this.queues.get(arn.slice(prefix.length)) : undefined;
  }

  /**
   * The next FIFO sequence number: 20 digits, increasing across the whole service so that a
   * message moved to a dead-letter queue gets a new, larger one.
   */
  nextSequenceNumber(): string {
    this.sequence += 1n;
    return (18_000_000_000_000_000_000n + this.sequence).toString();
  }

  nextKey(): number {
    return ++this.keySerial;
  }

  /** Issues a new receipt handle for a message: it names the queue, the message copy and the receive. */
  issueReceipt(queue: Queue, message: StoredMessage): string {
    message.receiptSerial = ++this.receiptSerial;
    const raw = `${queue.arn} ${message.key} ${message.receiptSerial}`;
    return `AQEB${Buffer.from(raw, "utf8").toString("base64")}`;
  }

  /**
   * The message a receipt handle names, with whether the handle is its latest one. ReceiptHandleIsInvalid
   * for a malformed handle or one from another queue; `message` is undefined once the message is gone.
   */
  readReceipt(
    queue: Queue,
    handle: string,
  ): { message: StoredMessage | undefined; latest: boolean; serial: number } {
    const parts = handle.startsWith("AQEB")
      ? Buffer.from(handle.slice(4), "base64").toString("utf8").split(" ")
      : [];
    const [arn, key, serial] = parts;
    if (parts.length !== 3 || !/^\d+$/.test(key ?? "") || !/^\d+$/.test(serial ?? "")) {
      throw sqsError(
        "ReceiptHandleIsInvalid",
        `The input receipt handle "${handle}" is not a valid receipt handle.`,
      );
    }
    if (arn !== queue.arn) {
      throw sqsError("ReceiptHandleIsInvalid", `The receipt handle "${handle}" is not valid for this queue.`);
    }
    const message = queue.messages.get(Number(key));
    return { message, latest: message?.receiptSerial === Number(serial), serial: Number(serial) };
  }
}

import type { Message, ReceiveMessageResult } from "@aws-sdk/client-sqs";
import { AwsServiceError } from "../../aws-error.ts";
import { FakeKernel } from "../../table/testing/fake-kernel.ts";
import { SqsService, type SqsServiceOptions } from "../service.ts";

/**
 * A {@link FakeKernel} that also records which scheduled actions were background ones.
 *
 * @example
 * const kernel = new RecordingKernel();
 * kernel.scheduled.filter((s) => s.background);
 */
export class RecordingKernel extends FakeKernel {
  readonly scheduled: { label: string; background: boolean }[] = [];

  override schedule(
    delayMs: number,
    label: string,
    action: () => void,
    options?: { background?: boolean },
  ): () => void {
    this.scheduled.push({ label, background: options?.background === true });
    return super.schedule(delayMs, label, action);
  }
}

/**
 * A simulated SQS on a fake kernel with short helpers for tests.
 *
 * @example
 * const t = testSqs();
 * const url = t.create("Orders");
 * t.send(url, "hello");
 * const [message] = await t.receive(url);
 */
export function testSqs(options: SqsServiceOptions = {}, seed = 1) {
  const kernel = new RecordingKernel({ seed });
  const sqs = new SqsService(kernel, options);
  const call = (operation: string, input: Record<string, unknown>) =>
    sqs.handle(operation, input) as Record<string, unknown>;
  return {
    kernel,
    sqs,
    call,
    create(name: string, attributes: Record<string, string> = {}): string {
      const fifo = name.endsWith(".fifo") ? { FifoQueue: "true" } : {};
      const out = call("CreateQueue", { QueueName: name, Attributes: { ...fifo, ...attributes } });
      return out.QueueUrl as string;
    },
    send(url: string, body: string, extra: Record<string, unknown> = {}): string {
      return call("SendMessage", { QueueUrl: url, MessageBody: body, ...extra }).MessageId as string;
    },
    async receive(url: string, extra: Record<string, unknown> = {}): Promise<Message[]> {
      const out = (await sqs.handle("ReceiveMessage", {
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ["All"],
        ...extra,
      })) as ReceiveMessageResult;
      return out.Messages ?? [];
    },
    attributes(url: string): Record<string, string> {
      return call("GetQueueAttributes", { QueueUrl: url, AttributeNames: ["All"] }).Attributes as Record<
        string,
        string
      >;
    },
  };
}

/**
 * The code an SQS call failed with (synchronously or as a rejected promise), or "ok".
 *
 * @example
 * expect(await codeOf(() => t.call("GetQueueUrl", { QueueName: "nope" }))).toBe("QueueDoesNotExist");
 */
export async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? `not an AwsServiceError: ${String(error)}`;
  }
}

/**
 * The AwsServiceError an SQS call threw (or rejected with); fails the test when it succeeded.
 *
 * @example
 * expect((await errorOf(() => t.create("Q", attrs))).fields.queryErrorCode).toBe("QueueAlreadyExists");
 */
export async function errorOf(run: () => unknown): Promise<AwsServiceError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error("expected the call to fail with an AwsServiceError, but it succeeded");
}

import type { KernelServices } from "../../core/services.ts";
import { arnService } from "./definition.ts";
import {
  type DestinationEndpoints,
  deadLetter,
  type FailureCondition,
  failureRecord,
} from "./destinations.ts";
import type { FunctionFailure } from "./failure.ts";
import type { FunctionRuntime } from "./function-runtime.ts";
import { jsonCopy } from "./json-copy.ts";

/** Back-off between the attempts after a function error: one minute, then two (AWS docs). */
const ERROR_RETRY_DELAYS_MS = [60_000, 120_000];
/** Throttled events go back to the queue: from 1 s, doubling, to at most 5 minutes (AWS docs). */
const THROTTLE_FIRST_MS = 1_000;
const THROTTLE_MAX_MS = 300_000;

/** One queued asynchronous event. */
interface QueuedEvent {
  readonly runtime: FunctionRuntime;
  readonly event: unknown;
  readonly trigger: string;
  readonly links: readonly string[];
  readonly requestId: string;
  readonly invokedArn: string;
  readonly enqueuedAtMs: number;
  invokeCount: number;
  errorRetries: number;
  throttleDelayMs: number;
  lastFailure: FunctionFailure | undefined;
}

/**
 * Lambda's asynchronous invocation queue: an event runs soon after it is queued; after a function
 * error it is retried `maximumRetryAttempts` times (one minute, then two minutes later); a
 * throttled event goes back to the queue with exponential back-off; an event older than
 * `maximumEventAgeSeconds` is given up. What is given up goes to the on-failure destination
 * and the dead-letter queue, if the function has them. Every attempt keeps the request id.
 *
 * @example
 * const queue = new AsyncInvocationQueue(kernel, endpoints, (arn, record) => lambda.invokeAsync(...));
 * queue.enqueue(runtime, { event, trigger: "sns", links: [] }, fn.arn);
 */
export class AsyncInvocationQueue {
  constructor(
    private readonly kernel: KernelServices,
    private readonly endpoints: DestinationEndpoints | undefined,
    private readonly invokeFunctionDestination: (
      functionArn: string,
      record: unknown,
      links: string[],
    ) => void,
  ) {}

  /** Queues one event and returns its request id. */
  enqueue(
    runtime: FunctionRuntime,
    request: { event: unknown; trigger: string; links: readonly string[] },
    invokedArn: string,
  ): string {
    const requestId = this.kernel.uuid("lambda.requestId");
    const queued: QueuedEvent = {
      runtime,
      event: jsonCopy(request.event ?? null),
      trigger: request.trigger,
      links: [...request.links],
      requestId,
      invokedArn,
      enqueuedAtMs: this.kernel.nowMs(),
      invokeCount: 0,
      errorRetries: 0,
      throttleDelayMs: 0,
      lastFailure: undefined,
    };
    this.later(queued, 0);
    return requestId;
  }

  private later(queued: QueuedEvent, delayMs: number): void {
    this.kernel.schedule(delayMs, `lambda.${queued.runtime.fn.name}.async`, () => void this.attempt(queued));
  }

  private async attempt(queued: QueuedEvent): Promise<void> {
    const { runtime } = queued;
    if (this.kernel.nowMs() - queued.enqueuedAtMs > runtime.fn.maximumEventAgeMs) {
      this.giveUp(queued, "EventAgeExceeded");
      return;
    }
    const result = await runtime.run({
      event: queued.event,
      trigger: queued.trigger,
      links: queued.links,
      requestId: queued.requestId,
      invokedArn: queued.invokedArn,
      attempt: queued.invokeCount + 1,
    });
    const { outcome } = result;
    if (outcome.kind === "success") return;
    if (outcome.kind === "throttled") {
      queued.throttleDelayMs = Math.min(THROTTLE_MAX_MS, queued.throttleDelayMs * 2 || THROTTLE_FIRST_MS);
      this.later(queued, queued.throttleDelayMs);
      return;
    }
    queued.invokeCount++;
    queued.lastFailure = result.failure;
    if (queued.errorRetries >= runtime.fn.maximumRetryAttempts) {
      this.giveUp(queued, "RetriesExhausted");
      return;
    }
    const delayMs = ERROR_RETRY_DELAYS_MS[queued.errorRetries] ?? 120_000;
    queued.errorRetries++;
    runtime.metrics.asyncRetries++;
    this.later(queued, delayMs);
  }

  private giveUp(queued: QueuedEvent, condition: FailureCondition): void {
    const { fn, metrics } = queued.runtime;
    metrics.asyncFailures++;
    const destination = fn.onFailureDestinationArn;
    if (destination !== undefined) {
      const record = failureRecord({
        atMs: this.kernel.nowMs(),
        requestId: queued.requestId,
        functionArn: fn.arn,
        condition,
        invokeCount: queued.invokeCount,
        event: queued.event,
        failure: queued.lastFailure,
      });
      this.send(destination, JSON.stringify(record), {}, () =>
        this.invokeFunctionDestination(destination, record, [...queued.links]),
      );
    }
    const dlq = fn.deadLetterTargetArn;
    if (dlq !== undefined) {
      const letter = deadLetter(queued.requestId, queued.event, queued.lastFailure);
      this.send(dlq, letter.body, letter.attributes, () => {});
    }
  }

  private send(arn: string, body: string, attributes: Record<string, string>, toFunction: () => void): void {
    const service = arnService(arn);
    if (service === "lambda") toFunction();
    else if (service === "sqs") this.endpoints?.sendToQueue(arn, body, attributes);
    else if (service === "sns") this.endpoints?.publishToTopic(arn, body, attributes);
  }
}

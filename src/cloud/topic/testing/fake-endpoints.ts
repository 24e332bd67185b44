import type { SNSEvent } from "aws-lambda";
import { AwsServiceError } from "../../aws-error.ts";
import { FakeKernel } from "../../table/testing/fake-kernel.ts";
import type { QueueDelivery, SnsDeliveryEndpoints } from "../model.ts";
import { SnsService } from "../service.ts";

/** One delivery a fake endpoint received, with the virtual time it arrived. */
export interface Received<T> {
  readonly arn: string;
  readonly atMs: number;
  readonly payload: T;
}

/**
 * In-memory {@link SnsDeliveryEndpoints} for unit tests: it records every queue message and
 * function event; ARNs listed in `missing` throw as a deleted queue or function would.
 *
 * @example
 * const endpoints = new FakeEndpoints(kernel);
 * endpoints.queue("arn:aws:sqs:us-east-1:000000000000:Q"); // the bodies Q received
 */
export class FakeEndpoints implements SnsDeliveryEndpoints {
  readonly queueMessages: Received<QueueDelivery>[] = [];
  readonly functionEvents: Received<SNSEvent>[] = [];
  readonly missing = new Set<string>();

  constructor(private readonly kernel: FakeKernel) {}

  deliverToQueue(queueArn: string, message: QueueDelivery): void {
    if (this.missing.has(queueArn)) {
      throw new AwsServiceError(
        "AWS.SimpleQueueService.NonExistentQueue",
        "The specified queue does not exist.",
      );
    }
    this.queueMessages.push({ arn: queueArn, atMs: this.kernel.nowMs(), payload: message });
  }

  invokeFunction(functionArn: string, event: SNSEvent): void {
    if (this.missing.has(functionArn))
      throw new AwsServiceError("ResourceNotFoundException", "Function not found");
    this.functionEvents.push({ arn: functionArn, atMs: this.kernel.nowMs(), payload: event });
  }

  /** The messages one queue received, in arrival order. */
  queue(arn: string): QueueDelivery[] {
    return this.queueMessages.filter((m) => m.arn === arn).map((m) => m.payload);
  }

  /** The events one function received, in arrival order. */
  function(arn: string): SNSEvent[] {
    return this.functionEvents.filter((m) => m.arn === arn).map((m) => m.payload);
  }
}

/** A service on a {@link FakeKernel} with {@link FakeEndpoints}, and shorthands for tests. */
export interface TestSns {
  readonly kernel: FakeKernel;
  readonly endpoints: FakeEndpoints;
  readonly sns: SnsService;
  call(operation: string, input: Record<string, unknown>): Record<string, unknown>;
  /** Runs a call that must fail and returns its error. */
  fail(operation: string, input: Record<string, unknown>): AwsServiceError;
}

/**
 * Builds a simulated SNS for a unit test.
 *
 * @example
 * const { call, kernel, endpoints } = testSns();
 */
export function testSns(): TestSns {
  const kernel = new FakeKernel();
  const endpoints = new FakeEndpoints(kernel);
  const sns = new SnsService(kernel, endpoints);
  const call = (operation: string, input: Record<string, unknown>) => sns.handle(operation, input);
  const fail = (operation: string, input: Record<string, unknown>): AwsServiceError => {
    try {
      sns.handle(operation, input);
    } catch (error) {
      if (error instanceof AwsServiceError) return error;
      throw error;
    }
    throw new Error(`${operation} was expected to fail but succeeded`);
  };
  return { kernel, endpoints, sns, call, fail };
}

/**
 * An SQS queue ARN in the test account.
 *
 * @example
 * queueArn("Orders"); // "arn:aws:sqs:us-east-1:000000000000:Orders"
 */
export function queueArn(name: string): string {
  return `arn:aws:sqs:us-east-1:000000000000:${name}`;
}

/**
 * A Lambda function ARN in the test account.
 *
 * @example
 * functionArn("reorder"); // "arn:aws:lambda:us-east-1:000000000000:function:reorder"
 */
export function functionArn(name: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
}

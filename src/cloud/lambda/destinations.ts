import type { FunctionFailure } from "./failure.ts";

/**
 * Where Lambda sends what asynchronous invocation gave up on. The lead wires these to the
 * simulated SQS and SNS; a Lambda function destination is invoked by the Lambda service itself.
 *
 * @example
 * const endpoints: DestinationEndpoints = {
 *   sendToQueue: (arn, body, attributes) => sqs.sendFromService(arn, body, attributes),
 *   publishToTopic: (arn, message, attributes) => sns.publishFromService(arn, message, attributes),
 * };
 */
export interface DestinationEndpoints {
  /** Sends a message to the SQS queue with this ARN; attributes are String message attributes. */
  sendToQueue(queueArn: string, body: string, attributes: Readonly<Record<string, string>>): void;
  /** Publishes a message to the SNS topic with this ARN; attributes are String message attributes. */
  publishToTopic(topicArn: string, message: string, attributes: Readonly<Record<string, string>>): void;
}

/** Why an asynchronous event was given up. */
export type FailureCondition = "RetriesExhausted" | "EventAgeExceeded";

/**
 * The invocation record Lambda sends to an on-failure destination, in the format AWS documents
 * (version 1.0: requestContext, requestPayload, responseContext, responsePayload).
 *
 * @example
 * const record = failureRecord({ atMs, requestId, functionArn, condition: "RetriesExhausted", invokeCount: 3, event, failure });
 */
export function failureRecord(input: {
  atMs: number;
  requestId: string;
  functionArn: string;
  condition: FailureCondition;
  invokeCount: number;
  event: unknown;
  failure: FunctionFailure | undefined;
}): Record<string, unknown> {
  const record: Record<string, unknown> = {
    version: "1.0",
    timestamp: new Date(input.atMs).toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: `${input.functionArn}:$LATEST`,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    requestPayload: input.event,
  };
  if (input.failure !== undefined) {
    record.responseContext = { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" };
    record.responsePayload = input.failure.payload();
  }
  return record;
}

/**
 * What Lambda sends to a dead-letter queue or topic: the event itself, with the request id and
 * the error as message attributes.
 *
 * @example
 * const { body, attributes } = deadLetter(requestId, event, failure);
 */
export function deadLetter(
  requestId: string,
  event: unknown,
  failure: FunctionFailure | undefined,
): { body: string; attributes: Record<string, string> } {
  const message = failure === undefined ? "Event age exceeded" : failure.errorMessage;
  return {
    body: JSON.stringify(event ?? null),
    attributes: { RequestID: requestId, ErrorCode: "200", ErrorMessage: message.slice(0, 1024) },
  };
}

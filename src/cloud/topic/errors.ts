import { AwsServiceError } from "../aws-error.ts";

/*
 * SNS speaks the AWS Query protocol. Its errors carry a short wire code (`<Code>NotFound</Code>`)
 * that the SDK maps back to the exception class through the `awsQueryError` trait of its schema
 * (see @aws-sdk/client-sns, `NotFoundException$`: `awsQueryError: ["NotFound", 404]`). The codes
 * below are those wire codes, with the HTTP status of the same trait, so a protocol-faithful bridge
 * raises `NotFoundException`, `InvalidParameterException`, … in handler code.
 */

/**
 * `NotFoundException` (wire code `NotFound`, HTTP 404): a topic or subscription that does not exist.
 *
 * @example
 * throw notFound("Topic does not exist");
 */
export function notFound(message: string): AwsServiceError {
  return new AwsServiceError("NotFound", message, { statusCode: 404 });
}

/**
 * `InvalidParameterException` (wire code `InvalidParameter`): SNS's answer to nearly every bad
 * request. The message is SNS's own: `Invalid parameter: <what>`.
 *
 * @example
 * throw invalidParameter("Invalid parameter: Topic Name");
 */
export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError("InvalidParameter", message);
}

/**
 * `InvalidParameterValueException` (wire code `ParameterValueInvalid`): a bad message attribute value.
 *
 * @example
 * throw invalidParameterValue("Could not cast message attribute 'n' value to number.");
 */
export function invalidParameterValue(message: string): AwsServiceError {
  return new AwsServiceError("ParameterValueInvalid", message);
}

/** The batch errors of PublishBatch, by SDK exception name → wire code. */
export const BATCH_ERROR_CODES = {
  EmptyBatchRequestException: "EmptyBatchRequest",
  TooManyEntriesInBatchRequestException: "TooManyEntriesInBatchRequest",
  BatchEntryIdsNotDistinctException: "BatchEntryIdsNotDistinct",
  InvalidBatchEntryIdException: "InvalidBatchEntryId",
  BatchRequestTooLongException: "BatchRequestTooLong",
} as const;

/**
 * One of PublishBatch's request-level errors (all HTTP 400).
 *
 * @example
 * throw batchError("EmptyBatchRequestException", "The batch request doesn't contain any entries.");
 */
export function batchError(exception: keyof typeof BATCH_ERROR_CODES, message: string): AwsServiceError {
  return new AwsServiceError(BATCH_ERROR_CODES[exception], message);
}

/**
 * A request that uses an SNS feature Squall does not simulate (an `http` subscription, SMS, mobile
 * push). Rejected with SNS's InvalidParameter code, never approximated.
 *
 * @example
 * throw notSimulated("Subscribe", 'protocol "email"', "subscribe an sqs queue or a lambda function");
 */
export function notSimulated(operation: string, feature: string, instead: string): AwsServiceError {
  return invalidParameter(
    `Invalid parameter: ${operation}: ${feature} is not simulated by Squall's SNS, so it is rejected rather than approximated; ${instead}`,
  );
}

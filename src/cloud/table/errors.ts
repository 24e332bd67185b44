import { AwsServiceError, validationError } from "../aws-error.ts";
import type { Item } from "./values.ts";

/**
 * DynamoDB's errors, built in one place so that their codes and messages stay identical across
 * operations. Messages follow the real service; where DynamoDB Local words them differently the
 * caller says so.
 *
 * @example
 * throw tableNotFound();
 */
export function tableNotFound(): AwsServiceError {
  return new AwsServiceError("ResourceNotFoundException", "Cannot do operations on a non-existent table");
}

/** A write's ConditionExpression evaluated to false; `item` is set for ReturnValuesOnConditionCheckFailure. */
export function conditionalCheckFailed(item?: Item): AwsServiceError {
  return new AwsServiceError(
    "ConditionalCheckFailedException",
    "The conditional request failed",
    item === undefined ? {} : { fields: { Item: item } },
  );
}

/**
 * A request used a DynamoDB feature that Squall does not model. Rejected, never approximated:
 * the message names the feature and the modern replacement where there is one.
 */
export function unmodelled(operation: string, feature: string, instead?: string): AwsServiceError {
  const hint = instead === undefined ? "" : ` Use ${instead} instead.`;
  return validationError(
    `${operation}: ${feature} is not modelled by Squall's simulated DynamoDB, so it is rejected rather than approximated.${hint}`,
  );
}

/** A request member has the wrong JSON type, as the service's deserializer reports it. */
export function serializationError(message: string): AwsServiceError {
  return new AwsServiceError("SerializationException", message);
}

/** "The provided key element does not match the schema": a Key argument with wrong names or types. */
export function keyMismatch(): AwsServiceError {
  return validationError("The provided key element does not match the schema");
}

/**
 * TransactionCanceledException with one CancellationReason per action (`{ Code: "None" }` for the
 * actions that were fine), worded as DynamoDB words it.
 */
export function transactionCancelled(reasons: readonly Record<string, unknown>[]): AwsServiceError {
  const codes = reasons.map((r) => String(r.Code)).join(", ");
  return new AwsServiceError(
    "TransactionCanceledException",
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
    { fields: { CancellationReasons: reasons } },
  );
}

export { validationError };

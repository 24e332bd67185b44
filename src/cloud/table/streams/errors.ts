import { AwsServiceError } from "../../aws-error.ts";

/**
 * TrimmedDataAccessException, with the message DynamoDB Local returns: a read positioned before
 * the oldest record still retained (24 hours).
 *
 * @example
 * if (position <= shard.trimmedThrough) throw trimmedError();
 */
export function trimmedError(): AwsServiceError {
  return new AwsServiceError(
    "TrimmedDataAccessException",
    "The operation attempted to read past the oldest stream record in a shard.",
  );
}

/** ResourceNotFoundException for a stream ARN, with DynamoDB Local's message. */
export function streamNotFound(streamArn: string): AwsServiceError {
  return new AwsServiceError(
    "ResourceNotFoundException",
    `Requested resource not found: Stream: ${streamArn} not found`,
  );
}

/** ResourceNotFoundException for a shard id, with DynamoDB Local's message. */
export function shardNotFound(): AwsServiceError {
  return new AwsServiceError("ResourceNotFoundException", "Shard does not exist");
}

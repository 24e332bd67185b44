import { AwsServiceError, validationError } from "../../aws-error.ts";

/** A request body as the SDK bridge passes it: the command's input object. */
export type StreamsInput = Readonly<Record<string, unknown>>;

/**
 * Reads a required string member, failing as DynamoDB Streams does when it is absent: with the
 * operation's own message when it has one (`missing`), else the model's "Member must not be null".
 *
 * @example
 * const arn = requiredString(input, "StreamArn");
 */
export function requiredString(input: StreamsInput, member: string, missing?: string): string {
  const value = input[member];
  if (value === undefined || value === null) {
    throw validationError(
      missing ??
        `1 validation error detected: Value null at '${wireName(member)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (typeof value !== "string") throw serializationError();
  return value;
}

/** Reads an optional string member. */
export function optionalString(input: StreamsInput, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw serializationError();
  return value;
}

/**
 * Reads an optional `Limit`, with the two messages DynamoDB Local gives: the model's minimum of 1,
 * and the operation's own maximum (`tooLarge` is that message).
 */
export function optionalLimit(input: StreamsInput, max: number, tooLarge: string): number | undefined {
  const value = input.Limit;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw serializationError();
  if (value < 1) {
    throw validationError(
      `1 validation error detected: Value '${value}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (value > max) throw validationError(tooLarge);
  return value;
}

/** The JSON protocol names members in lower camel case in its validation messages. */
function wireName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function serializationError(): AwsServiceError {
  return new AwsServiceError("SerializationException", "Start of structure or map found where not expected.");
}

import { serializationError, unmodelled, validationError } from "./errors.ts";

/**
 * Readers for the members of a DynamoDB request, in the low-level SDK shape. Each one checks the
 * member's JSON type and throws DynamoDB's error, so that no malformed request reaches the
 * engine as a TypeError.
 *
 * @example
 * const limit = optionalInteger(input, "Limit");
 */
export type Input = Record<string, unknown>;

/** Whether a value is a plain object (not null, not an array, not bytes). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function typeError(field: string, expected: string): never {
  throw serializationError(`Unexpected value type for ${field}: expected ${expected}`);
}

/** A string member, or undefined when absent. */
export function optionalString(input: Input, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : typeError(field, "a string");
}

/** A boolean member, or undefined when absent. */
export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === "boolean" ? value : typeError(field, "a boolean");
}

/** An integer member, or undefined when absent. */
export function optionalInteger(input: Input, field: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === "number" && Number.isInteger(value) ? value : typeError(field, "an integer");
}

/** An object member (a map in the request), or undefined when absent. */
export function optionalRecord(input: Input, field: string): Record<string, unknown> | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return isRecord(value) ? value : typeError(field, "an object");
}

/** An array member, or undefined when absent. */
export function optionalArray(input: Input, field: string): unknown[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : typeError(field, "a list");
}

/**
 * An enum member. DynamoDB's message for a bad value varies per member, so the caller gives it;
 * undefined when absent.
 */
export function optionalEnum<T extends string>(
  input: Input,
  field: string,
  allowed: readonly T[],
  message: string,
): T | undefined {
  const value = optionalString(input, field);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw validationError(message);
  return value as T;
}

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

/** Checks a table or index name as DynamoDB does (3-255 characters of `[a-zA-Z0-9_.-]`). */
export function checkName(name: string | undefined): string {
  if (name === undefined || !TABLE_NAME.test(name)) {
    throw validationError(
      "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'",
    );
  }
  return name;
}

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/([a-zA-Z0-9_.-]{3,255})$/;

/**
 * Checks a reference to an existing table: its name or, as the service also accepts (API
 * reference, TableName: "You can also provide the Amazon Resource Name (ARN) of the table"), its
 * ARN. DynamoDB Local refuses ARNs; we follow the service. The engine resolves the ARN.
 */
export function checkTableRef(ref: string | undefined): string {
  if (ref !== undefined && TABLE_ARN.test(ref)) return ref;
  return checkName(ref);
}

/** The table name inside a table ARN, or undefined when `ref` is not an ARN. */
export function tableNameInArn(ref: string): string | undefined {
  return TABLE_ARN.exec(ref)?.[1];
}

/** The request's `TableName` (a name or a table ARN), checked. */
export function tableNameOf(input: Input): string {
  return checkTableRef(optionalString(input, "TableName"));
}

/** The pre-expression ("legacy") parameters and what replaces each one. */
const LEGACY: readonly (readonly [string, string])[] = [
  ["Expected", "ConditionExpression"],
  ["AttributeUpdates", "UpdateExpression"],
  ["KeyConditions", "KeyConditionExpression"],
  ["QueryFilter", "FilterExpression"],
  ["ScanFilter", "FilterExpression"],
  ["AttributesToGet", "ProjectionExpression"],
  ["ConditionalOperator", "the AND/OR of an expression"],
];

/**
 * Rejects DynamoDB's legacy (pre-expression) parameters, which Squall does not model. DynamoDB
 * still accepts them; approximating them silently would hide differences, so they fail loudly.
 */
export function rejectLegacy(operation: string, input: Input): void {
  for (const [field, instead] of LEGACY) {
    if (input[field] !== undefined && input[field] !== null) {
      throw unmodelled(operation, `the legacy parameter ${field}`, instead);
    }
  }
}

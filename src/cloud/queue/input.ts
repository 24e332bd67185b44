import type { AwsServiceError } from "../aws-error.ts";
import { invalidParameter, missingParameter } from "./errors.ts";

/** A request object as it arrives from the bridge: untrusted members of unknown type. */
export type Input = Record<string, unknown>;

/**
 * Whether `value` is a plain object (not an array, not null).
 *
 * @example
 * isRecord({}) // true
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/**
 * A required string member; MissingParameter when absent, InvalidParameterValue when not a string.
 *
 * @example
 * const url = requiredString(input, "QueueUrl");
 */
export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null) throw missingParameter(name);
  if (typeof value !== "string") throw invalidParameter(name, value, "must be a string");
  return value;
}

/**
 * An optional string member (undefined when absent).
 *
 * @example
 * const prefix = optionalString(input, "QueueNamePrefix") ?? "";
 */
export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(name, value, "must be a string");
  return value;
}

/**
 * An optional integer member within [min, max], as SQS checks numeric parameters.
 *
 * @example
 * const max = optionalInt(input, "MaxNumberOfMessages", 1, 10, "Must be between 1 and 10, if provided.");
 */
export function optionalInt(
  input: Input,
  name: string,
  min: number,
  max: number,
  reason: string,
): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(name, value, reason);
  }
  return value;
}

/**
 * Checks a number the simulation's own callers pass (not an SDK request member): an integer in
 * [min, max], else InvalidParameterValue naming the parameter.
 *
 * @example
 * checkInt("WaitTimeSeconds", request.waitTimeSeconds, 0, 20);
 */
export function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(name, value, `Must be an integer from ${min} to ${max}.`);
  }
  return value;
}

/**
 * An optional list member whose items are strings.
 *
 * @example
 * const names = optionalStringList(input, "AttributeNames") ?? [];
 */
export function optionalStringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw invalidParameter(name, value, "must be a list of strings");
  }
  return value as string[];
}

/**
 * An optional map member whose values are strings (queue attributes, tags).
 *
 * @example
 * const attributes = optionalStringMap(input, "Attributes") ?? {};
 */
export function optionalStringMap(input: Input, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === "string")) {
    throw invalidParameter(name, value, "must be a map of strings to strings");
  }
  return value as Record<string, string>;
}

/**
 * A required list member of objects (batch entries); `empty` is the error for an empty list.
 *
 * @example
 * const entries = requiredRecordList(input, "Entries", () => emptyBatchError);
 */
export function requiredRecordList(input: Input, name: string, empty: () => AwsServiceError): Input[] {
  const value = input[name];
  if (value === undefined || value === null) throw missingParameter(name);
  if (!Array.isArray(value) || !value.every(isRecord)) {
    throw invalidParameter(name, value, "must be a list of objects");
  }
  if (value.length === 0) throw empty();
  return value as Input[];
}

/**
 * Byte length of a string in UTF-8, counted without encoding it.
 *
 * @example
 * utf8Length("é") // 2
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Whether every character is in the set SQS accepts in message bodies and string attributes:
 * `#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF` (XML 1.0's Char production).
 * Lone surrogates are outside it.
 *
 * @example
 * hasOnlyAllowedCharacters("ok\n") // true; hasOnlyAllowedCharacters("\u0000") // false
 */
export function hasOnlyAllowedCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x9 || code === 0xa || code === 0xd) continue;
    if (code < 0x20 || code === 0xfffe || code === 0xffff) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return false;
  }
  return true;
}

import { invalidParameter } from "./errors.ts";

/** A request in the low-level SDK shape, as the bridge hands it over. */
export type Input = Record<string, unknown>;

/**
 * Readers for request members. The field name is checked against the SDK's input type (`T`), and
 * the member's type at run time, so a malformed request fails with SNS's InvalidParameter rather
 * than a TypeError deeper in.
 *
 * @example
 * const name = requiredString<CreateTopicInput>(input, "Name");
 */
export function optionalString<T>(input: Input, field: keyof T & string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(`Invalid parameter: ${field}`);
  return value;
}

/**
 * A string member that must be present (SNS: `Invalid parameter: <Field>`).
 *
 * @example
 * const arn = requiredString<DeleteTopicInput>(input, "TopicArn");
 */
export function requiredString<T>(input: Input, field: keyof T & string): string {
  const value = optionalString<T>(input, field);
  if (value === undefined) throw invalidParameter(`Invalid parameter: ${field}`);
  return value;
}

/**
 * A map of strings (`Attributes`), or an empty map when absent.
 *
 * @example
 * const attributes = stringMap<CreateTopicInput>(input, "Attributes");
 */
export function stringMap<T>(input: Input, field: keyof T & string): Record<string, string> {
  const value = input[field];
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw invalidParameter(`Invalid parameter: ${field}`);
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== "string") throw invalidParameter(`Invalid parameter: ${field}: ${key}`);
    out[key] = entry;
  }
  return out;
}

/**
 * Whether a value is a plain object (not null, not an array, not bytes).
 *
 * @example
 * isRecord({}); // true; isRecord([]) and isRecord(null) are false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/**
 * A boolean attribute value as SNS reads it: the strings `true` / `false`, any case.
 *
 * @example
 * parseBooleanAttribute("RawMessageDelivery", "True", "Invalid parameter: "); // true
 */
export function parseBooleanAttribute(name: string, value: string, prefix: string): boolean {
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw invalidParameter(`${prefix}${name}: Invalid value [${value}]. Must be true or false.`);
}

/**
 * Pages of a sorted list, 100 per page, with the next index as an opaque token.
 *
 * @example
 * const { items, nextToken } = page(sortedArns, input.NextToken);
 */
export function page<T>(items: readonly T[], token: string | undefined): { items: T[]; nextToken?: string } {
  if (token !== undefined && !/^\d{1,9}$/.test(token)) throw invalidParameter("Invalid parameter: NextToken");
  const start = token === undefined ? 0 : Number.parseInt(token, 10);
  const end = start + 100;
  return end < items.length
    ? { items: items.slice(start, end), nextToken: String(end) }
    : { items: items.slice(start) };
}

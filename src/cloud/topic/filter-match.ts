import { ipv4InBlock } from "./filter-cidr.ts";
import { inRange, toFixedPoint } from "./filter-numeric.ts";
import type { CompiledFilterPolicy, FilterCondition } from "./filter-policy.ts";
import type { Matcher, Scalar } from "./filter-rules.ts";
import { isRecord } from "./request.ts";

/** A message attribute as published (the SDK's `MessageAttributeValue`). */
export interface FilterAttribute {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  readonly BinaryValue?: Uint8Array | undefined;
}

/** What a filter policy is evaluated on: the published attributes and the message body. */
export interface FilterMessage {
  readonly messageAttributes: Readonly<Record<string, FilterAttribute>>;
  readonly body: string;
}

/** What a policy key finds in a message: whether the key is there and its scalar values. */
interface Found {
  readonly present: boolean;
  readonly values: readonly Scalar[];
}

/**
 * Whether a message passes a compiled filter policy: some `$or` alternative has every key
 * matching (AND across keys), a key matching when any of its list entries does (OR within a key).
 * Attributes of type Number and JSON numbers compare numerically; String.Array attributes and JSON
 * arrays match when any element does; Binary attributes are never compared, only seen by `exists`.
 * In the MessageBody scope a body that is not a JSON object matches nothing.
 *
 * @example
 * matches(compileFilterPolicy('{"store": ["a"]}', "MessageAttributes"),
 *   { messageAttributes: { store: { DataType: "String", StringValue: "a" } }, body: "hi" }); // true
 */
export function matches(policy: CompiledFilterPolicy, message: FilterMessage): boolean {
  const lookup =
    policy.scope === "MessageAttributes"
      ? attributeLookup(message.messageAttributes)
      : bodyLookup(message.body);
  if (lookup === undefined) return false;
  return policy.alternatives.some((conditions) =>
    conditions.every((condition) => conditionMatches(condition, lookup(condition.path))),
  );
}

function conditionMatches(condition: FilterCondition, found: Found): boolean {
  return condition.matchers.some((matcher) => matcherMatches(matcher, found));
}

function matcherMatches(matcher: Matcher, found: Found): boolean {
  switch (matcher.kind) {
    case "exists":
      return matcher.value === found.present;
    case "anything-but":
    case "anything-but-prefix":
    case "anything-but-suffix":
    case "anything-but-ignore-case":
      // SNS: anything-but needs the key to be present, and a String.Array (or JSON array) passes
      // only when none of its elements is excluded.
      return found.present && found.values.every((value) => !excluded(matcher, value));
    default:
      return found.values.some((value) => positive(matcher, value));
  }
}

function excluded(matcher: Matcher, value: Scalar): boolean {
  if (matcher.kind === "anything-but") {
    if (typeof value === "string") return matcher.strings.includes(value);
    return typeof value === "number" && matcher.numbers.includes(value);
  }
  if (typeof value !== "string") return false;
  switch (matcher.kind) {
    case "anything-but-prefix":
      return matcher.values.some((start) => value.startsWith(start));
    case "anything-but-suffix":
      return matcher.values.some((end) => value.endsWith(end));
    case "anything-but-ignore-case":
      return matcher.values.some((text) => text.toLowerCase() === value.toLowerCase());
    default:
      return false;
  }
}

function positive(matcher: Matcher, value: Scalar): boolean {
  switch (matcher.kind) {
    case "equals":
      return matcher.value === value;
    case "numeric":
      return typeof value === "number" && inRange(matcher.range, value);
    case "prefix":
      return typeof value === "string" && value.startsWith(matcher.value);
    case "suffix":
      return typeof value === "string" && value.endsWith(matcher.value);
    case "equals-ignore-case":
      return typeof value === "string" && value.toLowerCase() === matcher.value.toLowerCase();
    case "cidr":
      return typeof value === "string" && ipv4InBlock(matcher.block, value);
    default:
      return false;
  }
}

type Lookup = (path: readonly string[]) => Found;

function attributeLookup(attributes: Readonly<Record<string, FilterAttribute>>): Lookup {
  return (path) => {
    const name = path[0] ?? "";
    if (path.length !== 1 || !Object.hasOwn(attributes, name)) return { present: false, values: [] };
    return { present: true, values: attributeValues(attributes[name]!) };
  };
}

function attributeValues(attribute: FilterAttribute): Scalar[] {
  const text = attribute.StringValue;
  if (text === undefined) return [];
  if (attribute.DataType === "String") return [text];
  if (attribute.DataType === "Number") {
    const value = Number(text);
    return text.trim() === "" || Number.isNaN(value) ? [] : [toFixedPoint(value)];
  }
  if (attribute.DataType === "String.Array") return scalarsOf(parseJson(text));
  return [];
}

function bodyLookup(body: string): Lookup | undefined {
  const document = parseJson(body);
  if (!isRecord(document)) return undefined;
  return (path) => {
    const values = collect(document, path, 0);
    return { present: values.length > 0, values };
  };
}

/** The scalars at `path`, descending into every element of arrays met on the way. */
function collect(value: unknown, path: readonly string[], index: number): Scalar[] {
  if (Array.isArray(value)) return value.flatMap((element: unknown) => collect(element, path, index));
  if (index === path.length) return isRecord(value) ? [] : scalarsOf(value);
  if (!isRecord(value)) return [];
  const key = path[index]!;
  return Object.hasOwn(value, key) ? collect(value[key], path, index + 1) : [];
}

function scalarsOf(value: unknown): Scalar[] {
  if (Array.isArray(value)) return value.flatMap((element: unknown) => scalarsOf(element));
  if (typeof value === "number") return [toFixedPoint(value)];
  if (value === null || typeof value === "string" || typeof value === "boolean") return [value];
  return [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

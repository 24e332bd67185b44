import type { PublishInput } from "@aws-sdk/client-sns";
import { invalidParameter, invalidParameterValue } from "./errors.ts";
import type { DeliveredAttribute } from "./model.ts";
import { type Input, isRecord } from "./request.ts";

const DATA_TYPES = new Set(["String", "Number", "Binary", "String.Array"]);
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads and validates Publish's `MessageAttributes` (String, Number, Binary, String.Array) and
 * returns them with their size in bytes, which counts toward the 256 KiB message limit (name, type
 * and value, as SNS counts them).
 *
 * @example
 * const { attributes, sizeBytes } = readAttributes({ MessageAttributes: { store: { DataType: "String", StringValue: "a" } } });
 */
export function readAttributes(input: Input): {
  attributes: Record<string, DeliveredAttribute>;
  sizeBytes: number;
} {
  const field: keyof PublishInput = "MessageAttributes";
  const raw = input[field];
  const attributes: Record<string, DeliveredAttribute> = {};
  let sizeBytes = 0;
  if (raw === undefined || raw === null) return { attributes, sizeBytes };
  if (!isRecord(raw)) throw invalidParameter("Invalid parameter: MessageAttributes");
  for (const [name, value] of Object.entries(raw)) {
    checkName(name);
    const attribute = readAttribute(name, value);
    attributes[name] = attribute;
    const valueBytes =
      attribute.BinaryValue?.byteLength ?? Buffer.byteLength(attribute.StringValue ?? "", "utf8");
    sizeBytes += Buffer.byteLength(name, "utf8") + Buffer.byteLength(attribute.DataType, "utf8") + valueBytes;
  }
  return { attributes, sizeBytes };
}

function checkName(name: string): void {
  const valid =
    /^[A-Za-z0-9_.-]{1,256}$/.test(name) &&
    !name.startsWith(".") &&
    !name.endsWith(".") &&
    !name.includes("..") &&
    !/^(aws|amazon)\./i.test(name);
  if (!valid) {
    throw invalidParameterValue(
      `The message attribute name '${name}' is invalid: use up to 256 letters, digits, '_', '-' and '.', without a leading, trailing or doubled '.', and not starting with 'AWS.' or 'Amazon.'`,
    );
  }
}

function readAttribute(name: string, value: unknown): DeliveredAttribute {
  const { DataType, StringValue, BinaryValue } = (isRecord(value) ? value : {}) as Record<string, unknown>;
  if (typeof DataType !== "string" || !DATA_TYPES.has(DataType)) {
    throw invalidParameterValue(
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  const empty = () =>
    invalidParameterValue(
      `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${DataType}'.`,
    );
  if (DataType === "Binary") {
    if (!(BinaryValue instanceof Uint8Array) || BinaryValue.byteLength === 0) throw empty();
    return { DataType, BinaryValue };
  }
  if (typeof StringValue !== "string" || StringValue === "") throw empty();
  if (DataType === "Number" && !NUMBER_PATTERN.test(StringValue)) {
    throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
  }
  if (DataType === "String.Array" && !isScalarArray(StringValue)) {
    throw invalidParameterValue(
      `The message attribute '${name}' with type 'String.Array' must be a JSON array of strings, numbers, true, false, or null.`,
    );
  }
  return { DataType, StringValue };
}

function isScalarArray(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return (
    Array.isArray(parsed) &&
    parsed.every((v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v))
  );
}

/**
 * The attributes as the SNS JSON envelope shows them: `{Type, Value}`, binary values in base64.
 *
 * @example
 * envelopeAttributes({ n: { DataType: "Number", StringValue: "5" } }); // { n: { Type: "Number", Value: "5" } }
 */
export function envelopeAttributes(
  attributes: Readonly<Record<string, DeliveredAttribute>>,
): Record<string, { Type: string; Value: string }> {
  const out: Record<string, { Type: string; Value: string }> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value =
      attribute.BinaryValue === undefined
        ? (attribute.StringValue ?? "")
        : Buffer.from(attribute.BinaryValue).toString("base64");
    out[name] = { Type: attribute.DataType, Value: value };
  }
  return out;
}

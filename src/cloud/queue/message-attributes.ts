import { createHash } from "node:crypto";
import type { MessageAttributeValue } from "@aws-sdk/client-sqs";
import { sqsError } from "./errors.ts";
import { hasOnlyAllowedCharacters, isRecord, utf8Length } from "./input.ts";
import { LIMITS } from "./model.ts";

const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks the MessageAttributes of one message as SQS does (at most 10; names of letters, digits,
 * `_`, `-`, `.`, not starting with `AWS.`/`Amazon.`; types String, Number or Binary with an optional
 * custom label; a non-empty value of the right kind) and returns a private copy.
 *
 * @example
 * const attrs = checkMessageAttributes({ kind: { DataType: "String", StringValue: "order" } });
 */
export function checkMessageAttributes(value: unknown): Record<string, MessageAttributeValue> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw invalid("MessageAttributes must be a map of names to attribute values.");
  const names = Object.keys(value);
  if (names.length > LIMITS.maxMessageAttributes) {
    throw invalid(`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  }
  const out: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    checkName(name);
    out[name] = checkValue(name, value[name]);
  }
  return out;
}

/**
 * Checks MessageSystemAttributes on a send: only AWSTraceHeader, of type String.
 *
 * @example
 * checkSystemAttributes({ AWSTraceHeader: { DataType: "String", StringValue: "Root=1-..." } });
 */
export function checkSystemAttributes(value: unknown): Record<string, MessageAttributeValue> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw invalid("MessageSystemAttributes must be a map of names to attribute values.");
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, attribute] of Object.entries(value)) {
    if (name !== "AWSTraceHeader") {
      throw invalid(`Message system attribute name '${name}' is invalid: only AWSTraceHeader can be sent.`);
    }
    const checked = checkValue(name, attribute);
    if (checked.DataType !== "String")
      throw invalid("Message system attribute AWSTraceHeader must be a String.");
    out[name] = checked;
  }
  return out;
}

function checkName(name: string): void {
  const lower = name.toLowerCase();
  const bad =
    !NAME.test(name) ||
    lower.startsWith("aws.") ||
    lower.startsWith("amazon.") ||
    name.startsWith(".") ||
    name.endsWith(".") ||
    name.includes("..");
  if (bad) {
    throw invalid(
      `Message (user) attribute name '${name}' is invalid: use up to 256 letters, digits, '_', '-' and '.', not starting with 'AWS.' or 'Amazon.', without leading, trailing or repeated periods.`,
    );
  }
}

function checkValue(name: string, value: unknown): MessageAttributeValue {
  if (!isRecord(value))
    throw invalid(`Message (user) attribute '${name}' must be an attribute value object.`);
  const dataType = value.DataType;
  if (typeof dataType !== "string" || dataType.length > 256 || !DATA_TYPE.test(dataType)) {
    throw invalid(`The type of message (user) attribute '${name}' is invalid: use String, Number or Binary.`);
  }
  for (const list of ["StringListValues", "BinaryListValues"] as const) {
    if (Array.isArray(value[list]) && value[list].length > 0) {
      throw invalid(
        `Message (user) attribute '${name}': ${list} is reserved for future use and not accepted.`,
      );
    }
  }
  if (dataType.startsWith("Binary")) {
    const bytes = toBytes(value.BinaryValue);
    if (bytes === undefined || bytes.byteLength === 0) {
      throw invalid(`Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
    }
    return { DataType: dataType, BinaryValue: bytes };
  }
  const text = value.StringValue;
  const kind = dataType.startsWith("Number") ? "Number" : "String";
  if (typeof text !== "string" || text.length === 0) {
    throw invalid(`Message (user) attribute '${name}' must contain a non-empty value of type '${kind}'.`);
  }
  if (!hasOnlyAllowedCharacters(text)) {
    throw sqsError(
      "InvalidMessageContents",
      `Message (user) attribute '${name}' contains invalid characters.`,
    );
  }
  if (kind === "Number" && !isSqsNumber(text)) {
    throw invalid(
      `Message (user) attribute '${name}' value ${text} is not a valid Number: up to 38 significant digits, between -10^128 and 10^126.`,
    );
  }
  return { DataType: dataType, StringValue: text };
}

function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  // The JSON protocol carries blobs as base64 text.
  if (typeof value === "string") return new Uint8Array(Buffer.from(value, "base64"));
  return undefined;
}

function isSqsNumber(text: string): boolean {
  if (!NUMBER.test(text)) return false;
  const [mantissa = "", exponent = "0"] = text.replace(/^[+-]/, "").toLowerCase().split("e");
  const digits = mantissa.replace(".", "").replace(/^0+/, "");
  const significant = digits.replace(/0+$/, "");
  if (significant.length > 38) return false;
  if (significant.length === 0) return true;
  const intDigits = (mantissa.split(".")[0] ?? "").replace(/^0+/, "").length;
  const magnitude = intDigits > 0 ? intDigits - 1 : -(mantissa.split(".")[1] ?? "").search(/[1-9]/) - 1;
  const power = magnitude + Number(exponent);
  return power >= -128 && power < 126;
}

/**
 * Bytes a message's attributes add to its size: name, data type and value of each.
 *
 * @example
 * attributesSize({ k: { DataType: "String", StringValue: "v" } }) // 1 + 6 + 1
 */
export function attributesSize(attributes: Readonly<Record<string, MessageAttributeValue>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes)) {
    bytes += utf8Length(name) + utf8Length(value.DataType ?? "");
    bytes += value.BinaryValue?.byteLength ?? utf8Length(value.StringValue ?? "");
  }
  return bytes;
}

/**
 * MD5 of message attributes as SQS computes MD5OfMessageAttributes: attributes sorted by name,
 * each encoded as length-prefixed (4 bytes, big-endian) name, data type, a transport byte
 * (1 string/number, 2 binary) and length-prefixed value. Undefined for no attributes.
 *
 * @example
 * md5OfAttributes({ a: { DataType: "String", StringValue: "x" } }) // 32 hex digits
 */
export function md5OfAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>>,
): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash("md5");
  const lengthPrefixed = (bytes: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.byteLength);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    lengthPrefixed(Buffer.from(name, "utf8"));
    lengthPrefixed(Buffer.from(value.DataType ?? "", "utf8"));
    const binary = value.BinaryValue !== undefined;
    hash.update(Uint8Array.of(binary ? 2 : 1));
    lengthPrefixed(binary ? (value.BinaryValue as Uint8Array) : Buffer.from(value.StringValue ?? "", "utf8"));
  }
  return hash.digest("hex");
}

/**
 * MD5 of a message body, as MD5OfBody.
 *
 * @example
 * md5OfBody("a") // "0cc175b9c0f1b6a831c399e269772661"
 */
export function md5OfBody(body: string): string {
  return createHash("md5").update(body, "utf8").digest("hex");
}

/**
 * The attributes a ReceiveMessage asked for by MessageAttributeNames: `All` or `.*` for every
 * one, `prefix.*` for names starting with `prefix.`, otherwise exact names.
 *
 * @example
 * selectAttributes(attrs, ["order.*"]) // only "order.id", "order.kind", ...
 */
export function selectAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>>,
  names: readonly string[],
): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  if (names.length === 0) return out;
  const all = names.includes("All") || names.includes(".*");
  const prefixes = names.filter((n) => n.endsWith(".*")).map((n) => n.slice(0, -1));
  for (const [name, value] of Object.entries(attributes)) {
    if (all || names.includes(name) || prefixes.some((p) => name.startsWith(p))) out[name] = value;
  }
  return out;
}

function invalid(message: string) {
  return sqsError("InvalidParameterValue", message);
}

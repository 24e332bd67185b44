import type { MessageAttributeValue } from "@aws-sdk/client-sqs";
import type { SQSMessageAttribute, SQSMessageAttributes } from "aws-lambda";
import { md5OfAttributes } from "../../cloud/queue/message-attributes.ts";
import { SquallError } from "../../core/errors.ts";

/**
 * One message attribute as a test writes it: a string (dataType "String"), a number ("Number"),
 * bytes ("Binary"), or the attribute in Lambda's own lower-camel form.
 */
export type SqsAttributeInput = string | number | Uint8Array | SqsAttributeObject;

/** A message attribute in Lambda's form; the list fields default to `[]`, as Lambda delivers them. */
export interface SqsAttributeObject {
  dataType: string;
  stringValue?: string;
  binaryValue?: string;
  stringListValues?: string[];
  binaryListValues?: string[];
}

/**
 * Normalises attributes into the shape Lambda delivers: `{ stringValue, stringListValues: [],
 * binaryListValues: [], dataType }` (binary values base64-encoded in `binaryValue`).
 *
 * @example
 * sqsMessageAttributes({ tenant: "acme" });
 * // { tenant: { stringValue: "acme", stringListValues: [], binaryListValues: [], dataType: "String" } }
 */
export function sqsMessageAttributes(input: Record<string, SqsAttributeInput>): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(input)) out[name] = oneAttribute(name, value);
  return out;
}

function oneAttribute(name: string, value: SqsAttributeInput): SQSMessageAttribute {
  const lists = { stringListValues: [], binaryListValues: [] };
  if (typeof value === "string") return { stringValue: value, ...lists, dataType: "String" };
  if (typeof value === "number") return { stringValue: String(value), ...lists, dataType: "Number" };
  if (value instanceof Uint8Array) {
    return { binaryValue: Buffer.from(value).toString("base64"), ...lists, dataType: "Binary" };
  }
  if (value.stringValue === undefined && value.binaryValue === undefined) {
    throw new SquallError(
      `sqsEvent: message attribute "${name}" has neither stringValue nor binaryValue. Give one (SQS rejects empty attributes).`,
    );
  }
  return { ...lists, ...value };
}

/**
 * The MD5 SQS computes over message attributes (`md5OfMessageAttributes`), by the simulated
 * queue's own implementation (the attributes converted from Lambda's form, binary as base64).
 *
 * @example
 * md5OfMessageAttributes(sqsMessageAttributes({ a: "b" })); // 32 hex digits
 */
export function md5OfMessageAttributes(attributes: SQSMessageAttributes): string {
  const sdkForm: Record<string, MessageAttributeValue> = {};
  for (const [name, a] of Object.entries(attributes)) {
    sdkForm[name] = {
      DataType: a.dataType,
      ...(a.stringValue === undefined ? {} : { StringValue: a.stringValue }),
      ...(a.binaryValue === undefined ? {} : { BinaryValue: Buffer.from(a.binaryValue, "base64") }),
    };
  }
  return md5OfAttributes(sdkForm) ?? "";
}

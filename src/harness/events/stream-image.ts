import type { AttributeValue as SdkAttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall, type NativeAttributeValue } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "aws-lambda";
import { itemSizeBytes as tableItemSizeBytes } from "../../cloud/table/value-size.ts";
import type { Item } from "../../cloud/table/values.ts";
import { SquallError } from "../../core/errors.ts";

/** A DynamoDB item (or key) as plain JavaScript, the way the Document client takes it. */
export type PlainItem = Record<string, NativeAttributeValue>;

/** An item in the AttributeValue form Lambda delivers in a stream record (binary as base64). */
export type StreamImage = Record<string, AttributeValue>;

/**
 * Marshals a plain object into a stream image with `@aws-sdk/util-dynamodb`'s `marshall`, then
 * re-encodes binary values as base64 strings, because Lambda receives the record as JSON.
 *
 * @example
 * toStreamImage({ sku: "A1", qty: 3 }); // { sku: { S: "A1" }, qty: { N: "3" } }
 */
export function toStreamImage(item: PlainItem): StreamImage {
  const marshalled = marshall(item, { removeUndefinedValues: true });
  const out: StreamImage = {};
  for (const [name, value] of Object.entries(marshalled)) out[name] = toStreamValue(value, name);
  return out;
}

function toStreamValue(value: SdkAttributeValue, path: string): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map((v, i) => toStreamValue(v, `${path}[${i}]`)) };
  if (value.M !== undefined) {
    const map: StreamImage = {};
    for (const [key, inner] of Object.entries(value.M)) map[key] = toStreamValue(inner, `${path}.${key}`);
    return { M: map };
  }
  throw new SquallError(
    `dynamodbStreamEvent: attribute "${path}" marshalled to an unknown AttributeValue type. Use strings, numbers, booleans, null, bytes, sets, arrays or plain objects.`,
  );
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/**
 * The size DynamoDB counts for an item, by the simulated table's own rules (the ones checked
 * against DynamoDB Local's SizeBytes): binary in the image is base64, as Lambda delivers it.
 *
 * @example
 * itemSizeBytes({ id: { S: "1" } }); // 3
 */
export function itemSizeBytes(image: StreamImage): number {
  return tableItemSizeBytes(fromLambdaImage(image) as Item);
}

function fromLambdaImage(image: StreamImage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(image)) out[name] = fromLambdaValue(value);
  return out;
}

function fromLambdaValue(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B, "base64") };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b, "base64")) };
  if (value.L !== undefined) return { L: value.L.map(fromLambdaValue) };
  if (value.M !== undefined) return { M: fromLambdaImage(value.M) };
  return value;
}

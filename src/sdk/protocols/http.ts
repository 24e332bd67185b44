import {
  FromStringShapeDeserializer,
  JsonCodec2,
  type JsonShapeDeserializer2,
  ToStringShapeSerializer,
} from "@smithy/core/protocols";
import type { NormalizedSchema } from "@smithy/core/schema";
import type { AwsServiceError } from "../../cloud/aws-error.ts";
import type { HttpRequestLike } from "../types.ts";

/** An HTTP request as a server sees it: the SDK's request, with its query parameters when it has any. */
export interface ServerRequest extends HttpRequestLike {
  query?: Record<string, string | string[] | null | undefined>;
}

/** An operation and its input, decoded from a request, in the low-level SDK shapes. */
export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

/** UTF-8, shared. @example encoder.encode("{}") */
export const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Why the SDK's own codecs: they are the client's serialisers and deserialisers, and a server's
 * decoder is the client's deserialiser run on the request (and its encoder the client's
 * serialiser run on the response), so reusing them keeps both sides exactly symmetric.
 * Timestamps default to epoch seconds in JSON bodies, as both JSON protocols specify.
 */
const jsonCodecs = {
  rpc: new JsonCodec2({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false }),
  rest: new JsonCodec2({ timestampFormat: { useTrait: true, default: 7 }, jsonName: true }),
};
const stringSettings = { timestampFormat: { useTrait: true, default: 7 }, httpBindings: true } as const;
const fromStringDeserializer = new FromStringShapeDeserializer(stringSettings);
const toStringSerializer = new ToStringShapeSerializer(stringSettings);

/**
 * A JSON value (already parsed) read as `schema` describes it: base64 to bytes, epoch seconds to Dates.
 *
 * @example
 * readJson("rpc", NormalizedSchema.of(schema[4]), JSON.parse(body));
 */
export function readJson(
  kind: "rpc" | "rest",
  schema: NormalizedSchema,
  parsed: unknown,
): Record<string, unknown> {
  const deserializer = jsonCodecs[kind].createDeserializer() as JsonShapeDeserializer2;
  return deserializer.readObject(schema, parsed as never) as Record<string, unknown>;
}

/**
 * A value written as JSON the way the SDK's serialiser writes `schema`.
 *
 * @example
 * writeJson("rest", NormalizedSchema.of(schema[5]), output); // Uint8Array
 */
export function writeJson(kind: "rpc" | "rest", schema: NormalizedSchema, value: unknown): Uint8Array {
  const serializer = jsonCodecs[kind].createSerializer();
  serializer.write(schema, value);
  return serializer.flush();
}

/**
 * A header, label or query string read as the member it is bound to (numbers, dates, base64…).
 *
 * @example
 * readBoundString(maxItemsMember, "5"); // 5
 */
export function readBoundString(member: NormalizedSchema, text: string): unknown {
  return fromStringDeserializer.read(member, text);
}

/**
 * A member's value written as a header, label or query string.
 *
 * @example
 * writeBoundString(retryAfterMember, "1"); // "1"
 */
export function writeBoundString(member: NormalizedSchema, value: unknown): string {
  toStringSerializer.write(member, value);
  return toStringSerializer.flush();
}

/** A request or response body as text. @example bodyText(new Uint8Array([123, 125])) // "{}" */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  throw new Error(
    `Squall's in-process handler cannot read a request body of type ${typeof body} (a stream?)`,
  );
}

/** A request body as bytes. @example bodyBytes("{}") // Uint8Array [123, 125] */
export function bodyBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  return encoder.encode(bodyText(body));
}

/** A header by (lower-case) name, whatever its case. @example headerValue({ "X-Amz-Target": "t" }, "x-amz-target") // "t" */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** The headers every response carries. @example baseHeaders("text/xml", requestId, body.byteLength) */
export function baseHeaders(contentType: string, requestId: string, length: number): Record<string, string> {
  return { "content-type": contentType, "content-length": String(length), "x-amzn-requestid": requestId };
}

/** The reason phrase of an error status. @example reasonOf(new AwsServiceError("X", "m")) // "Bad Request" */
export function reasonOf(error: AwsServiceError): string {
  return error.statusCode < 500 ? "Bad Request" : "Internal Server Error";
}

/** `Sender` for client errors, `Receiver` for server errors, as the Query protocols word it. @example faultOf(error) // "Sender" */
export function faultOf(error: AwsServiceError): "Sender" | "Receiver" {
  return error.statusCode < 500 ? "Sender" : "Receiver";
}

/**
 * An error's extra members as JSON: binary as base64 and timestamps as epoch seconds, like the
 * rest of a JSON body. `this` is the holder, so Date/Uint8Array are seen before their toJSON runs.
 *
 * @example
 * JSON.stringify({ b: new Uint8Array([1]) }, replaceJsonValue); // {"b":"AQ=="}
 */
export function replaceJsonValue(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Uint8Array)
    return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("base64");
  if (raw instanceof Date) return raw.getTime() / 1000;
  return value;
}

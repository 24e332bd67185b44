import zlib from "node:zlib";
import type { AwsServiceError } from "../cloud/aws-error.ts";
import type { HttpRequestLike, HttpResponseLike } from "./types.ts";

/**
 * The AWS JSON 1.0 protocol as DynamoDB and DynamoDB Streams speak it: `POST /` with
 * `x-amz-target: <prefix>.<Operation>`, JSON bodies with binary as base64 and timestamps as epoch
 * seconds, errors as `{"__type", "message"}`. Pure functions over plain request/response objects,
 * so the in-process handler of `wire` mode and the servers of the `local` target share them.
 */

/** Target prefix and error namespace of each JSON 1.0 service Squall speaks, by SDK service id. */
export const JSON_SERVICES: Readonly<Record<string, { targetPrefix: string; errorNamespace: string }>> = {
  DynamoDB: { targetPrefix: "DynamoDB_20120810", errorNamespace: "com.amazonaws.dynamodb.v20120810" },
  "DynamoDB Streams": {
    targetPrefix: "DynamoDBStreams_20120810",
    errorNamespace: "com.amazonaws.dynamodb.v20120810",
  },
};

const CONTENT_TYPE = "application/x-amz-json-1.0";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The operation and input of a JSON 1.0 request, in the low-level SDK shape (binary as Uint8Array).
 *
 * @example
 * decodeJsonRequest({ method: "POST", path: "/", headers: { "x-amz-target": "DynamoDB_20120810.GetItem" }, body: "{}" });
 * // { operation: "GetItem", input: {} }
 */
export function decodeJsonRequest(request: HttpRequestLike): {
  operation: string;
  input: Record<string, unknown>;
} {
  const target = headerValue(request.headers, "x-amz-target") ?? "";
  const operation = target.slice(target.indexOf(".") + 1);
  const text = typeof request.body === "string" ? request.body : decoder.decode(request.body as Uint8Array);
  const input = text === "" ? {} : (JSON.parse(text, reviveBinary) as Record<string, unknown>);
  return { operation, input };
}

/**
 * A 200 response carrying `output` as JSON.
 *
 * @example
 * encodeJsonResponse({ Item: { pk: { B: new Uint8Array([1]) } } }, requestId).body; // {"Item":{"pk":{"B":"AQ=="}}}
 */
export function encodeJsonResponse(output: Record<string, unknown>, requestId: string): HttpResponseLike {
  const body = encoder.encode(JSON.stringify(output, replaceValue));
  // DynamoDB checksums successful bodies; SDKs that verify it (v2, other languages) expect it.
  const headers = { ...baseHeaders(requestId, body.byteLength), "x-amz-crc32": String(zlib.crc32(body)) };
  return { statusCode: 200, headers, body };
}

/**
 * The error response DynamoDB sends for `error`: its status, `x-amzn-errortype`, and a body with
 * the namespaced `__type`, the `message` and the error's extra members (`CancellationReasons`, `Item`).
 *
 * @example
 * encodeJsonError(new AwsServiceError("ConditionalCheckFailedException", "The conditional request failed"), id, "DynamoDB");
 */
export function encodeJsonError(
  error: AwsServiceError,
  requestId: string,
  serviceId: string,
): HttpResponseLike {
  const namespace = JSON_SERVICES[serviceId]?.errorNamespace ?? "com.amazonaws";
  const payload = { __type: `${namespace}#${error.code}`, message: error.message, ...error.fields };
  const body = encoder.encode(JSON.stringify(payload, replaceValue));
  const headers = { ...baseHeaders(requestId, body.byteLength), "x-amzn-errortype": `${error.code}:` };
  const reason = error.statusCode < 500 ? "Bad Request" : "Internal Server Error";
  return { statusCode: error.statusCode, reason, headers, body };
}

/** The `x-amz-target` header value of an operation, as the SDK sends it. */
export function jsonTarget(serviceId: string, operation: string): string | undefined {
  const prefix = JSON_SERVICES[serviceId]?.targetPrefix;
  return prefix === undefined ? undefined : `${prefix}.${operation}`;
}

function baseHeaders(requestId: string, length: number): Record<string, string> {
  return { "content-type": CONTENT_TYPE, "content-length": String(length), "x-amzn-requestid": requestId };
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

// `this` is the holder, so Date/Uint8Array are seen before JSON.stringify calls their toJSON.
function replaceValue(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Uint8Array)
    return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("base64");
  if (raw instanceof Date) return raw.getTime() / 1000;
  return value;
}

// Binary appears only in AttributeValues, whose JSON form is the one-member object {"B": "<base64>"}
// or {"BS": ["<base64>", …]}; item maps hold objects, never bare strings, under an attribute named
// "B", so this test cannot mistake an attribute name for a binary value.
function reviveBinary(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const v = value as { B?: unknown; BS?: unknown };
  if (typeof v.B === "string") return { B: fromBase64(v.B) };
  if (Array.isArray(v.BS) && v.BS.every((s) => typeof s === "string")) {
    return { BS: (v.BS as string[]).map(fromBase64) };
  }
  return value;
}

function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, "base64");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

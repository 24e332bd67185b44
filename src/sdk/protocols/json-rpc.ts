import zlib from "node:zlib";
import { NormalizedSchema } from "@smithy/core/schema";
import type { AwsServiceError } from "../../cloud/aws-error.ts";
import type { HttpResponseLike } from "../types.ts";
import { operationSchema } from "./catalogue.ts";
import {
  baseHeaders,
  bodyText,
  type DecodedRequest,
  encoder,
  faultOf,
  headerValue,
  readJson,
  reasonOf,
  replaceJsonValue,
  type ServerRequest,
  writeJson,
} from "./http.ts";
import type { JsonRpcProtocol } from "./service-protocol.ts";

/**
 * AWS JSON 1.0/1.1, server side: `POST /` with `x-amz-target: <prefix>.<Operation>`, JSON bodies
 * read and written against the operation's schema (binary as base64, timestamps as epoch seconds).
 * SQS speaks it in "query compatible" mode: errors also name their legacy Query code in
 * `x-amzn-query-error`, which the SDK copies to the exception's `Code` and `Error.Code`.
 */

/**
 * The operation and input of a JSON RPC request.
 *
 * @example
 * decodeJsonRpc(SQS, { method: "POST", path: "/", headers: { "x-amz-target": "AmazonSQS.SendMessage" }, body });
 */
export function decodeJsonRpc(protocol: JsonRpcProtocol, request: ServerRequest): DecodedRequest {
  const target = headerValue(request.headers, "x-amz-target") ?? "";
  const operation = target.slice(target.indexOf(".") + 1);
  const text = bodyText(request.body);
  const schema = operationSchema(protocol.serviceId, operation);
  if (schema !== undefined) {
    const parsed: unknown = text === "" ? {} : JSON.parse(text);
    return { operation, input: readJson("rpc", NormalizedSchema.of(schema[4]), parsed) };
  }
  // A client from before schema-based serde: DynamoDB's binary is the one shape known without it.
  const reviver = protocol.crc32 ? reviveAttributeBinary : undefined;
  return { operation, input: text === "" ? {} : (JSON.parse(text, reviver) as Record<string, unknown>) };
}

/**
 * A 200 response carrying `output` as JSON (DynamoDB adds its CRC32 checksum of the body).
 *
 * @example
 * encodeJsonRpcResponse(SQS, "SendMessage", { MessageId: "m1" }, requestId);
 */
export function encodeJsonRpcResponse(
  protocol: JsonRpcProtocol,
  operation: string,
  output: Record<string, unknown>,
  requestId: string,
): HttpResponseLike {
  const schema = operationSchema(protocol.serviceId, operation);
  const body =
    schema === undefined
      ? encoder.encode(JSON.stringify(output, replaceJsonValue))
      : writeJson("rpc", NormalizedSchema.of(schema[5]), output);
  const headers = baseHeaders(protocol.contentType, requestId, body.byteLength);
  if (protocol.crc32) headers["x-amz-crc32"] = String(zlib.crc32(body));
  return { statusCode: 200, headers, body };
}

/**
 * The error response for `error`: its status, `x-amzn-errortype`, a body with the namespaced
 * `__type`, the `message` and the error's extra members; in query-compatible mode also
 * `x-amzn-query-error: <fields.queryErrorCode, else code>;Sender|Receiver`.
 *
 * @example
 * encodeJsonRpcError(SQS, new AwsServiceError("QueueDoesNotExist", "…", { fields: { queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue" } }), id);
 */
export function encodeJsonRpcError(
  protocol: JsonRpcProtocol,
  error: AwsServiceError,
  requestId: string,
): HttpResponseLike {
  const { queryErrorCode, ...fields } = error.fields;
  const payload = { __type: `${protocol.errorNamespace}#${error.code}`, message: error.message, ...fields };
  const body = encoder.encode(JSON.stringify(payload, replaceJsonValue));
  const headers: Record<string, string> = {
    ...baseHeaders(protocol.contentType, requestId, body.byteLength),
    "x-amzn-errortype": `${error.code}:`,
  };
  if (protocol.queryCompatible) {
    const legacy = typeof queryErrorCode === "string" ? queryErrorCode : error.code;
    headers["x-amzn-query-error"] = `${legacy};${faultOf(error)}`;
  }
  return { statusCode: error.statusCode, reason: reasonOf(error), headers, body };
}

/** The `x-amz-target` header value of an operation, as the SDK sends it. */
export function jsonRpcTarget(protocol: JsonRpcProtocol, operation: string): string {
  return `${protocol.targetPrefix}.${operation}`;
}

// DynamoDB without a schema: binary appears only in AttributeValues, whose JSON form is the
// one-member object {"B": "<base64>"} or {"BS": [...]}; item maps hold objects, never bare strings,
// under an attribute named "B", so this test cannot mistake an attribute name for a binary value.
// With a schema the codec decodes binary itself and never sees these as strings again.
function reviveAttributeBinary(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const v = value as { B?: unknown; BS?: unknown };
  if (typeof v.B === "string") return { B: fromBase64(v.B) };
  if (Array.isArray(v.BS) && v.BS.every((s) => typeof s === "string")) return { BS: v.BS.map(fromBase64) };
  return value;
}

function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, "base64");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

import type { AwsServiceError } from "../cloud/aws-error.ts";
import type { DecodedRequest, ServerRequest } from "./protocols/http.ts";
import {
  decodeJsonRpc,
  encodeJsonRpcError,
  encodeJsonRpcResponse,
  jsonRpcTarget,
} from "./protocols/json-rpc.ts";
import { type JsonRpcProtocol, protocolOf } from "./protocols/service-protocol.ts";
import type { HttpResponseLike } from "./types.ts";

/**
 * The AWS JSON 1.0 codec by service id, for callers that think in DynamoDB's terms (the servers of
 * the `local` target). The codec itself, for every protocol, lives in `protocols/`.
 */

function jsonProtocol(serviceId: string): JsonRpcProtocol {
  const protocol = protocolOf(serviceId);
  if (protocol.kind !== "awsJson")
    throw new Error(`${serviceId} does not speak AWS JSON (it speaks ${protocol.kind})`);
  return protocol;
}

/**
 * The operation and input of a JSON 1.0 request (DynamoDB by default).
 *
 * @example
 * decodeJsonRequest({ method: "POST", path: "/", headers: { "x-amz-target": "DynamoDB_20120810.GetItem" }, body: "{}" });
 * // { operation: "GetItem", input: {} }
 */
export function decodeJsonRequest(request: ServerRequest, serviceId = "DynamoDB"): DecodedRequest {
  return decodeJsonRpc(jsonProtocol(serviceId), request);
}

/**
 * A 200 response carrying `output` as JSON; against the operation's schema when it is known.
 *
 * @example
 * encodeJsonResponse({ Item: { pk: { B: new Uint8Array([1]) } } }, requestId).body; // {"Item":{"pk":{"B":"AQ=="}}}
 */
export function encodeJsonResponse(
  output: Record<string, unknown>,
  requestId: string,
  serviceId = "DynamoDB",
  operation = "",
): HttpResponseLike {
  return encodeJsonRpcResponse(jsonProtocol(serviceId), operation, output, requestId);
}

/**
 * The error response the service sends for `error`.
 *
 * @example
 * encodeJsonError(new AwsServiceError("ConditionalCheckFailedException", "The conditional request failed"), id, "DynamoDB");
 */
export function encodeJsonError(
  error: AwsServiceError,
  requestId: string,
  serviceId: string,
): HttpResponseLike {
  return encodeJsonRpcError(jsonProtocol(serviceId), error, requestId);
}

/** The `x-amz-target` header value of an operation, as the SDK sends it; undefined for non-JSON services. */
export function jsonTarget(serviceId: string, operation: string): string | undefined {
  try {
    return jsonRpcTarget(jsonProtocol(serviceId), operation);
  } catch {
    return undefined;
  }
}

import type { AwsServiceError } from "../../cloud/aws-error.ts";
import type { HttpResponseLike } from "../types.ts";
import type { DecodedRequest, ServerRequest } from "./http.ts";
import { decodeJsonRpc, encodeJsonRpcError, encodeJsonRpcResponse } from "./json-rpc.ts";
import { decodeQuery } from "./query-form.ts";
import { encodeQueryError, encodeQueryResponse } from "./query-xml.ts";
import { decodeRestJson, encodeRestJsonError, encodeRestJsonResponse } from "./rest-json.ts";
import type { ServiceProtocol } from "./service-protocol.ts";

/**
 * The server side of the protocols Squall speaks, one entry point per direction: decode a request
 * into an operation and its input, encode an output or a service error as the response the real
 * service sends. `wire` mode answers the SDK with these; `fast` mode has the client's own protocol
 * read `encodeError`'s response, so both raise the same exception.
 */

/**
 * The operation and input of a request, in the low-level SDK shapes.
 *
 * @example
 * const { operation, input } = decodeRequest(protocolOf("SNS"), request);
 */
export function decodeRequest(protocol: ServiceProtocol, request: ServerRequest): DecodedRequest {
  switch (protocol.kind) {
    case "awsJson":
      return decodeJsonRpc(protocol, request);
    case "awsQuery":
      return decodeQuery(protocol, request);
    case "restJson":
      return decodeRestJson(protocol, request);
  }
}

/**
 * The success response carrying `output`.
 *
 * @example
 * encodeResponse(protocolOf("Lambda"), "Invoke", { StatusCode: 202 }, requestId).statusCode; // 202
 */
export function encodeResponse(
  protocol: ServiceProtocol,
  operation: string,
  output: Record<string, unknown>,
  requestId: string,
): HttpResponseLike {
  switch (protocol.kind) {
    case "awsJson":
      return encodeJsonRpcResponse(protocol, operation, output, requestId);
    case "awsQuery":
      return encodeQueryResponse(protocol, operation, output, requestId);
    case "restJson":
      return encodeRestJsonResponse(protocol, operation, output, requestId);
  }
}

/**
 * The error response the service sends for `error`.
 *
 * @example
 * encodeError(protocolOf("SQS"), queueDoesNotExist("SendMessage", url), requestId).headers["x-amzn-query-error"];
 */
export function encodeError(
  protocol: ServiceProtocol,
  error: AwsServiceError,
  requestId: string,
): HttpResponseLike {
  switch (protocol.kind) {
    case "awsJson":
      return encodeJsonRpcError(protocol, error, requestId);
    case "awsQuery":
      return encodeQueryError(protocol, error, requestId);
    case "restJson":
      return encodeRestJsonError(protocol, error, requestId);
  }
}

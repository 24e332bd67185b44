import { NormalizedSchema } from "@smithy/core/schema";
import type { AwsServiceError } from "../../cloud/aws-error.ts";
import type { HttpResponseLike } from "../types.ts";
import { operationSchema } from "./catalogue.ts";
import { errorSchemaOf } from "./error-schemas.ts";
import {
  baseHeaders,
  bodyBytes,
  bodyText,
  type DecodedRequest,
  encoder,
  headerValue,
  readBoundString,
  readJson,
  reasonOf,
  replaceJsonValue,
  type ServerRequest,
  writeBoundString,
  writeJson,
} from "./http.ts";
import { matchRoute } from "./rest-route.ts";
import type { RestJsonProtocol } from "./service-protocol.ts";

/**
 * REST-JSON, server side (Lambda): the operation found from method and path, each input member
 * read from where its traits bind it — a path label, a header, a query parameter, the raw payload
 * (`Invoke`'s blob) or the JSON body; the output written back the same way, with the member bound
 * to `httpResponseCode` as the status (`Invoke` with `InvocationType: "Event"` answers 202).
 */

/**
 * The operation and input of a REST-JSON request.
 *
 * @example
 * decodeRestJson(Lambda, { method: "POST", path: "/2015-03-31/functions/f/invocations", headers: {}, body: "{}" });
 */
export function decodeRestJson(protocol: RestJsonProtocol, request: ServerRequest): DecodedRequest {
  const route = matchRoute(protocol.serviceId, request);
  if (route === undefined) {
    throw new Error(
      `${protocol.serviceId}: no known operation answers ${request.method} ${request.path}; send it with an SDK v3 ` +
        "client that has schemas, or register the client package with registerOperations().",
    );
  }
  const inputNs = NormalizedSchema.of(route.schema[4]);
  const query = queryOf(request);
  const input: Record<string, unknown> = {};
  let hasBodyMembers = false;
  for (const [name, member] of inputNs.structIterator()) {
    const traits = member.getMergedTraits();
    let value: unknown;
    if (traits.httpLabel) value = readBoundString(member, route.labels[name] ?? "");
    else if (traits.httpHeader !== undefined)
      value = fromHeader(member, headerValue(request.headers, traits.httpHeader.toLowerCase()));
    else if (traits.httpQuery !== undefined) value = fromQuery(member, query[traits.httpQuery]);
    else if (traits.httpPayload) value = payloadOf(member, request.body);
    else if (traits.httpPrefixHeaders !== undefined || traits.httpQueryParams) {
      throw new Error(
        `${protocol.serviceId}.${route.schema[2]}: member ${name} binds prefix headers or query maps, which Squall does not decode`,
      );
    } else hasBodyMembers = true;
    if (value !== undefined) input[name] = value;
  }
  const text = hasBodyMembers ? bodyText(request.body) : "";
  if (text !== "") {
    const fromBody = readJson("rest", inputNs, JSON.parse(text));
    for (const [name, value] of Object.entries(fromBody)) if (!(name in input)) input[name] = value;
  }
  return { operation: route.schema[2], input };
}

/**
 * The response for `output`: status from the `httpResponseCode` member (else the operation's
 * code), header-bound members as headers, the payload member as the raw body or the rest as JSON.
 *
 * @example
 * encodeRestJsonResponse(Lambda, "Invoke", { StatusCode: 200, Payload: bytes, FunctionError: "Unhandled" }, id);
 */
export function encodeRestJsonResponse(
  protocol: RestJsonProtocol,
  operation: string,
  output: Record<string, unknown>,
  requestId: string,
): HttpResponseLike {
  const schema = operationSchema(protocol.serviceId, operation);
  if (schema === undefined) throw new Error(`${protocol.serviceId}: no schema known for ${operation}`);
  let statusCode = (schema[3] as { http?: [string, string, number] }).http?.[2] ?? 200;
  const headers: Record<string, string> = {};
  const bodyMembers: Record<string, unknown> = {};
  let payload: Uint8Array | undefined;
  let contentType = "application/json";
  for (const [name, member] of NormalizedSchema.of(schema[5]).structIterator()) {
    const value = output[name];
    if (value === undefined || value === null) continue;
    const traits = member.getMergedTraits();
    if (traits.httpResponseCode) statusCode = Number(value);
    else if (traits.httpHeader !== undefined)
      headers[traits.httpHeader.toLowerCase()] = writeBoundString(member, value);
    else if (traits.httpPayload) {
      if (member.isStreaming()) {
        throw new Error(
          `${protocol.serviceId}.${operation}: the ${name} member is a stream, which Squall's in-process handler does not encode`,
        );
      }
      payload =
        member.isBlobSchema() || member.isStringSchema() ? rawBytes(value) : writeJson("rest", member, value);
      if (member.isBlobSchema()) contentType = traits.mediaType ?? "application/octet-stream";
    } else bodyMembers[name] = value;
  }
  const body =
    payload ??
    (Object.keys(bodyMembers).length > 0
      ? writeJson("rest", NormalizedSchema.of(schema[5]), bodyMembers)
      : new Uint8Array());
  return {
    statusCode,
    headers: { ...baseHeaders(contentType, requestId, body.byteLength), ...headers },
    body,
  };
}

/**
 * The error response: the status, `x-amzn-errortype: <code>`, header-bound members of the error
 * shape (Lambda's `Retry-After`) as headers, the rest and the message as a JSON body — the message
 * under the key the shape declares (`Message` for Lambda's errors, else `message`).
 *
 * @example
 * encodeRestJsonError(Lambda, new AwsServiceError("ResourceNotFoundException", "Function not found: …", { statusCode: 404 }), id);
 */
export function encodeRestJsonError(
  protocol: RestJsonProtocol,
  error: AwsServiceError,
  requestId: string,
): HttpResponseLike {
  const shape = errorSchemaOf(protocol.namespace, error.code);
  const headers: Record<string, string> = { "x-amzn-errortype": error.code };
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(error.fields)) {
    const member = shape?.getMemberSchemas()[name];
    const header = member?.getMergedTraits().httpHeader;
    if (member !== undefined && header !== undefined && value !== undefined && value !== null) {
      headers[header.toLowerCase()] = writeBoundString(member, value);
    } else fields[name] = value;
  }
  const messageKey = shape?.getMemberSchemas().Message !== undefined ? "Message" : "message";
  const body = encoder.encode(JSON.stringify({ ...fields, [messageKey]: error.message }, replaceJsonValue));
  return {
    statusCode: error.statusCode,
    reason: reasonOf(error),
    headers: { ...baseHeaders("application/json", requestId, body.byteLength), ...headers },
    body,
  };
}

/** The query parameters, from the request's own map (the SDK's) or from its path (a server's). */
function queryOf(request: ServerRequest): Record<string, string | string[] | null | undefined> {
  const rawQuery = request.path.split("?", 2)[1];
  if (rawQuery === undefined) return request.query ?? {};
  const fromPath: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const seen = fromPath[key];
    fromPath[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return { ...fromPath, ...request.query };
}

function fromHeader(member: NormalizedSchema, text: string | undefined): unknown {
  return text === undefined ? undefined : readBoundString(member, text);
}

function fromQuery(member: NormalizedSchema, value: string | string[] | null | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  if (member.isListSchema()) {
    const item = member.getValueSchema();
    return (Array.isArray(value) ? value : [value]).map((v) => readBoundString(item, v));
  }
  return readBoundString(member, Array.isArray(value) ? (value[0] ?? "") : value);
}

function payloadOf(member: NormalizedSchema, body: unknown): unknown {
  const bytes = bodyBytes(body);
  if (bytes.byteLength === 0) return undefined;
  if (member.isBlobSchema()) return bytes;
  if (member.isStringSchema()) return bodyText(bytes);
  return readJson("rest", member, JSON.parse(bodyText(bytes)));
}

function rawBytes(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : encoder.encode(String(value));
}

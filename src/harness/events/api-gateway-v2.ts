import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2 } from "aws-lambda";
import { type HttpRequestInput, normaliseRequest, rawQueryString, requestTime } from "./http-request.ts";

/** Input of {@link apiGatewayProxyEventV2}: the request, plus HTTP-API specifics. */
export interface ApiGatewayProxyEventV2Input extends HttpRequestInput {
  /** Default: `"<METHOD> <path>"`; use "$default" for the catch-all route. */
  routeKey?: string;
  /** Default "$default". */
  stage?: string;
  /** Cookies the client sent (`name=value`), added to any from a Cookie header; omitted when none. */
  cookies?: string[];
  /** Merged over the generated request context (e.g. `authentication`). */
  requestContext?: Partial<APIGatewayEventRequestContextV2>;
}

/**
 * Builds an HTTP API (payload format 2.0) Lambda proxy event: lower-case header names, repeated
 * headers and query parameters joined by commas, `rawPath` and `rawQueryString`, and a complete
 * `requestContext` (`http`, `routeKey`, `time`, `timeEpoch`). Optional fields without a value are
 * omitted, as API Gateway omits them.
 *
 * @example
 * const event = apiGatewayProxyEventV2({ method: "GET", path: "/orders/o-1", pathParameters: { id: "o-1" } });
 */
export function apiGatewayProxyEventV2(input: ApiGatewayProxyEventV2Input = {}): APIGatewayProxyEventV2 {
  const request = normaliseRequest(input);
  const routeKey = input.routeKey ?? `${request.method} ${request.path}`;
  const requestContext: APIGatewayEventRequestContextV2 = {
    accountId: request.accountId,
    apiId: request.apiId,
    domainName: request.domainName,
    domainPrefix: request.apiId,
    http: {
      method: request.method,
      path: request.path,
      protocol: "HTTP/1.1",
      sourceIp: request.sourceIp,
      userAgent: request.userAgent,
    },
    requestId: request.requestId,
    routeKey,
    stage: input.stage ?? "$default",
    time: requestTime(request.nowMs),
    timeEpoch: request.nowMs,
    ...input.requestContext,
  };
  const headers: Record<string, string> = {};
  for (const [name, values] of request.headers) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? values.join(",") : `${headers[key]},${values.join(",")}`;
  }
  // HTTP APIs move the Cookie header into `cookies`.
  const cookies = [...(headers.cookie?.split(/;\s*/) ?? []), ...(input.cookies ?? [])];
  delete headers.cookie;
  const query = request.query.map(([k, v]) => [k, v.join(",")]);
  return {
    version: "2.0",
    routeKey,
    rawPath: request.path,
    rawQueryString: rawQueryString(request.query),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query.length > 0 ? { queryStringParameters: Object.fromEntries(query) } : {}),
    requestContext,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    isBase64Encoded: request.isBase64Encoded,
    ...(input.stageVariables ? { stageVariables: input.stageVariables } : {}),
  };
}

import type {
  APIGatewayEventIdentity,
  APIGatewayEventRequestContext,
  APIGatewayProxyEvent,
} from "aws-lambda";
import { type HttpRequestInput, normaliseRequest, requestTime } from "./http-request.ts";
import { tokenFrom } from "./options.ts";

/** Input of {@link apiGatewayProxyEvent}: the request, plus REST-API specifics. */
export interface ApiGatewayProxyEventInput extends HttpRequestInput {
  /** The resource template, e.g. "/orders/{id}". Default: the path. */
  resource?: string;
  /** Default "prod". */
  stage?: string;
  /** Merged over the generated request context (e.g. an `authorizer`). */
  requestContext?: Partial<APIGatewayEventRequestContext>;
}

/**
 * Builds a REST API (payload format 1.0) Lambda proxy event: headers and `multiValueHeaders` as the
 * client sent them, query parameters single- and multi-valued (`null` when absent), and a complete
 * `requestContext` (identity, request id and time, resource, stage).
 *
 * @example
 * const event = apiGatewayProxyEvent({ method: "POST", path: "/orders", body: { sku: "A1" } });
 * const result = await handler(event, lambdaContext());
 */
export function apiGatewayProxyEvent(input: ApiGatewayProxyEventInput = {}): APIGatewayProxyEvent {
  const request = normaliseRequest(input);
  const stage = input.stage ?? "prod";
  const resource = input.resource ?? request.path;
  const requestContext: APIGatewayEventRequestContext = {
    accountId: request.accountId,
    apiId: request.apiId,
    authorizer: undefined,
    domainName: request.domainName,
    domainPrefix: request.apiId,
    extendedRequestId: `${tokenFrom(request.requestId, 15)}=`,
    httpMethod: request.method,
    identity: identity(request.sourceIp, request.userAgent),
    path: `/${stage}${request.path}`,
    protocol: "HTTP/1.1",
    requestId: request.requestId,
    requestTime: requestTime(request.nowMs),
    requestTimeEpoch: request.nowMs,
    resourceId: tokenFrom(resource, 6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "0"),
    resourcePath: resource,
    stage,
    ...input.requestContext,
  };
  const hasQuery = request.query.length > 0;
  return {
    resource,
    path: request.path,
    httpMethod: request.method,
    // With repeated headers or parameters, the single-valued map keeps the last value.
    headers: Object.fromEntries(request.headers.map(([k, v]) => [k, v.at(-1)])),
    multiValueHeaders: Object.fromEntries(request.headers),
    queryStringParameters: hasQuery ? Object.fromEntries(request.query.map(([k, v]) => [k, v.at(-1)])) : null,
    multiValueQueryStringParameters: hasQuery ? Object.fromEntries(request.query) : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: input.stageVariables ?? null,
    requestContext,
    body: request.body ?? null,
    isBase64Encoded: request.isBase64Encoded,
  };
}

/** The caller identity of an unauthenticated request: everything null but the address and agent. */
function identity(sourceIp: string, userAgent: string): APIGatewayEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}

import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { apiGatewayProxyEvent } from "./api-gateway.ts";
import { apiGatewayProxyEventV2 } from "./api-gateway-v2.ts";
import { sequentialIds } from "./options.ts";

const nowMs = Date.UTC(2026, 0, 15, 10, 30, 0, 123);
const fixed = () => ({ ids: sequentialIds(), nowMs: () => nowMs });
const host = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com";

describe("apiGatewayProxyEvent (REST API, payload 1.0)", () => {
  it("builds a proxy event in the shape the REST API sends", () => {
    // Written from the field list of the payload format 1.0 example in the API Gateway guide.
    const expected: APIGatewayProxyEvent = {
      resource: "/orders",
      path: "/orders",
      httpMethod: "POST",
      headers: {
        Accept: "*/*",
        "Content-Type": "application/json",
        Host: host,
        "User-Agent": "curl/8.5.0",
        "X-Amzn-Trace-Id": "Root=1-6968c1a8-000000000000400080000000",
        "X-Forwarded-For": "203.0.113.10",
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
      },
      multiValueHeaders: expect.objectContaining({ Host: [host], "X-Forwarded-Port": ["443"] }),
      queryStringParameters: { page: "2", tag: "b" },
      multiValueQueryStringParameters: { page: ["2"], tag: ["a", "b"] },
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId: "123456789012",
        apiId: "a1b2c3d4e5",
        authorizer: undefined,
        domainName: host,
        domainPrefix: "a1b2c3d4e5",
        extendedRequestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/),
        httpMethod: "POST",
        identity: expect.objectContaining({ sourceIp: "203.0.113.10", userAgent: "curl/8.5.0", user: null }),
        path: "/prod/orders",
        protocol: "HTTP/1.1",
        requestId: "00000000-0000-4000-8000-000000000002",
        requestTime: "15/Jan/2026:10:30:00 +0000",
        requestTimeEpoch: nowMs,
        resourceId: expect.stringMatching(/^[a-z0-9]{6}$/),
        resourcePath: "/orders",
        stage: "prod",
      },
      body: '{"sku":"A1"}',
      isBase64Encoded: false,
    };
    const event = apiGatewayProxyEvent({
      ...fixed(),
      method: "post",
      path: "/orders",
      body: { sku: "A1" },
      query: { page: "2", tag: ["a", "b"] },
    });
    expect(event).toStrictEqual(expected);
  });

  it("has null maps and body for a bare GET, and lets given values win", () => {
    const event = apiGatewayProxyEvent({
      headers: { accept: "text/plain" },
      resource: "/orders/{id}",
      path: "/orders/o-1",
      pathParameters: { id: "o-1" },
      requestContext: { stage: "dev" },
    });
    expect(event.body).toBeNull();
    expect(event.queryStringParameters).toBeNull();
    expect(event.headers.accept).toBe("text/plain");
    expect(event.headers).not.toHaveProperty("Accept");
    expect(event.pathParameters).toStrictEqual({ id: "o-1" });
    expect(event.requestContext.resourcePath).toBe("/orders/{id}");
    expect(event.requestContext.stage).toBe("dev");
  });

  it("base64-encodes binary bodies", () => {
    const event = apiGatewayProxyEvent({ method: "PUT", body: Uint8Array.of(1, 2, 3) });
    expect(event.body).toBe("AQID");
    expect(event.isBase64Encoded).toBe(true);
  });
});

describe("apiGatewayProxyEventV2 (HTTP API, payload 2.0)", () => {
  it("builds a proxy event in the shape the HTTP API sends", () => {
    // Written from the field list of the payload format 2.0 example in the API Gateway guide.
    const expected: APIGatewayProxyEventV2 = {
      version: "2.0",
      routeKey: "GET /orders/{id}",
      rawPath: "/orders/o-1",
      rawQueryString: "tag=a&tag=b",
      cookies: ["session=abc", "theme=dark"],
      headers: {
        accept: "*/*",
        host,
        "user-agent": "curl/8.5.0",
        "x-amzn-trace-id": "Root=1-6968c1a8-000000000000400080000000",
        "x-forwarded-for": "203.0.113.10",
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https",
        "x-multi": "1,2",
      },
      queryStringParameters: { tag: "a,b" },
      requestContext: {
        accountId: "123456789012",
        apiId: "a1b2c3d4e5",
        domainName: host,
        domainPrefix: "a1b2c3d4e5",
        http: {
          method: "GET",
          path: "/orders/o-1",
          protocol: "HTTP/1.1",
          sourceIp: "203.0.113.10",
          userAgent: "curl/8.5.0",
        },
        requestId: "00000000-0000-4000-8000-000000000002",
        routeKey: "GET /orders/{id}",
        stage: "$default",
        time: "15/Jan/2026:10:30:00 +0000",
        timeEpoch: nowMs,
      },
      pathParameters: { id: "o-1" },
      isBase64Encoded: false,
    };
    const event = apiGatewayProxyEventV2({
      ...fixed(),
      path: "/orders/o-1",
      routeKey: "GET /orders/{id}",
      pathParameters: { id: "o-1" },
      query: { tag: ["a", "b"] },
      headers: { Cookie: "session=abc; theme=dark", "X-Multi": ["1", "2"] },
    });
    expect(event).toStrictEqual(expected);
  });

  it("omits absent optional fields and defaults the route key to method and path", () => {
    const event = apiGatewayProxyEventV2({ method: "delete", path: "/x" });
    expect(event.routeKey).toBe("DELETE /x");
    for (const field of ["body", "cookies", "queryStringParameters", "pathParameters", "stageVariables"]) {
      expect(event).not.toHaveProperty(field);
    }
    expect(event.rawQueryString).toBe("");
  });
});

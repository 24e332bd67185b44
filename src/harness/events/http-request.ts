import { type FactoryOptions, hex32, type IdSource, resolveOptions } from "./options.ts";

/** The request a test describes; both API Gateway factories turn it into their own payload format. */
export interface HttpRequestInput extends FactoryOptions {
  /** Default "GET". */
  method?: string;
  /** The request path without stage, e.g. "/orders/o-1". Default "/". */
  path?: string;
  /** A string is sent as is; bytes are base64-encoded (`isBase64Encoded`); anything else becomes JSON. */
  body?: unknown;
  /** Request headers; repeated headers as arrays. Merged over realistic defaults (Host, User-Agent, …). */
  headers?: Record<string, string | readonly string[]>;
  /** Query string parameters; repeated parameters as arrays. */
  query?: Record<string, string | readonly string[]>;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
  /** Default "203.0.113.10" (a documentation address). */
  sourceIp?: string;
  /** Default "curl/8.5.0". */
  userAgent?: string;
  /** Default "a1b2c3d4e5". */
  apiId?: string;
}

/** The request with defaults filled in and values normalised; shared by the v1 and v2 factories. */
export interface NormalisedRequest {
  method: string;
  path: string;
  body: string | undefined;
  isBase64Encoded: boolean;
  /** Header name (as given) → values; the defaults come first so a test's headers win. */
  headers: Array<[string, string[]]>;
  query: Array<[string, string[]]>;
  sourceIp: string;
  userAgent: string;
  apiId: string;
  domainName: string;
  requestId: string;
  nowMs: number;
  region: string;
  accountId: string;
  ids: IdSource;
}

/**
 * Fills in the defaults of an {@link HttpRequestInput}.
 *
 * @example
 * normaliseRequest({ method: "POST", body: { a: 1 } }).body; // '{"a":1}'
 */
export function normaliseRequest(input: HttpRequestInput): NormalisedRequest {
  const { ids, nowMs, region, accountId } = resolveOptions(input);
  const now = nowMs();
  const apiId = input.apiId ?? "a1b2c3d4e5";
  const domainName = `${apiId}.execute-api.${region}.amazonaws.com`;
  const sourceIp = input.sourceIp ?? "203.0.113.10";
  const userAgent = input.userAgent ?? "curl/8.5.0";
  const { body, isBase64Encoded, contentType } = encodeBody(input.body);
  const defaults: Record<string, string> = {
    Accept: "*/*",
    ...(contentType ? { "Content-Type": contentType } : {}),
    Host: domainName,
    "User-Agent": userAgent,
    "X-Amzn-Trace-Id": traceId(now, ids()),
    "X-Forwarded-For": sourceIp,
    "X-Forwarded-Port": "443",
    "X-Forwarded-Proto": "https",
  };
  const given = Object.entries(input.headers ?? {}).map(([k, v]): [string, string[]] => [k, toList(v)]);
  const givenNames = new Set(given.map(([k]) => k.toLowerCase()));
  const headers = Object.entries(defaults)
    .filter(([k]) => !givenNames.has(k.toLowerCase()))
    .map(([k, v]): [string, string[]] => [k, [v]])
    .concat(given);
  const query = Object.entries(input.query ?? {}).map(([k, v]): [string, string[]] => [k, toList(v)]);
  return {
    method: (input.method ?? "GET").toUpperCase(),
    path: input.path ?? "/",
    body,
    isBase64Encoded,
    headers,
    query,
    sourceIp,
    userAgent,
    apiId,
    domainName,
    requestId: ids(),
    nowMs: now,
    region,
    accountId,
    ids,
  };
}

function toList(value: string | readonly string[]): string[] {
  return typeof value === "string" ? [value] : [...value];
}

function encodeBody(body: unknown): {
  body: string | undefined;
  isBase64Encoded: boolean;
  contentType?: string;
} {
  if (body === undefined || body === null) return { body: undefined, isBase64Encoded: false };
  if (typeof body === "string") return { body, isBase64Encoded: false };
  if (body instanceof Uint8Array) {
    return {
      body: Buffer.from(body).toString("base64"),
      isBase64Encoded: true,
      contentType: "application/octet-stream",
    };
  }
  return { body: JSON.stringify(body), isBase64Encoded: false, contentType: "application/json" };
}

/** An X-Ray trace header: `Root=1-<epoch seconds, 8 hex>-<24 hex>`. */
function traceId(nowMs: number, uuid: string): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, "0");
  return `Root=1-${seconds}-${hex32(uuid).slice(0, 24)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * API Gateway's request time, in the common log format: "09/Apr/2015:12:34:56 +0000".
 *
 * @example
 * requestTime(0); // "01/Jan/1970:00:00:00 +0000"
 */
export function requestTime(nowMs: number): string {
  const d = new Date(nowMs);
  const two = (n: number) => String(n).padStart(2, "0");
  const date = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}`;
  return `${date}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** The query string as the client sent it (`a=1&a=2&b=x`), percent-encoded. */
export function rawQueryString(query: Array<[string, string[]]>): string {
  const params = new URLSearchParams();
  for (const [name, values] of query) for (const value of values) params.append(name, value);
  return params.toString();
}

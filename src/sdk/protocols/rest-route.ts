import type { StaticOperationSchema } from "@smithy/types";
import { operationSchemas } from "./catalogue.ts";
import type { ServerRequest } from "./http.ts";

/** The operation a REST request is for, with the path labels it carries (decoded). */
export interface RouteMatch {
  schema: StaticOperationSchema;
  labels: Record<string, string>;
}

interface Route {
  method: string;
  /** Literal segments as strings; labels as `{name}` / `{name+}` (greedy: the rest of the path). */
  segments: { literal?: string; label?: string; greedy?: boolean }[];
  /** Query parameters the URI template fixes (`?versions`), which the request must carry. */
  staticQuery: [string, string][];
  literalCount: number;
}

const routes = new WeakMap<StaticOperationSchema, Route | null>();

/**
 * Finds the operation a REST request is for from the `http` traits (`POST
 * /2015-03-31/functions/{FunctionName}/invocations`) of the service's known operations: same
 * method, every literal segment equal, static query parameters present; when several match, the
 * one with the most literal segments (`/functions/{Name}/policy` over `/functions/{Name}/{Rest+}`).
 *
 * @example
 * matchRoute("Lambda", { method: "GET", path: "/2015-03-31/functions/f", headers: {} })?.labels; // { FunctionName: "f" }
 */
export function matchRoute(serviceId: string, request: ServerRequest): RouteMatch | undefined {
  const [rawPath = "", rawQuery] = request.path.split("?", 2);
  const query = { ...Object.fromEntries(new URLSearchParams(rawQuery ?? "")), ...request.query };
  const parts = rawPath.split("/").slice(1);
  let best: { match: RouteMatch; score: number } | undefined;
  for (const schema of operationSchemas(serviceId)) {
    const route = routeOf(schema);
    if (route === null || route.method !== request.method.toUpperCase()) continue;
    if (!route.staticQuery.every(([k, v]) => k in query && (v === "" || query[k] === v))) continue;
    const labels = matchSegments(route, parts);
    if (labels !== undefined && (best === undefined || route.literalCount > best.score)) {
      best = { match: { schema, labels }, score: route.literalCount };
    }
  }
  return best?.match;
}

function matchSegments(route: Route, parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    if (segment.greedy === true) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join("") === "") return undefined;
      labels[segment.label!] = rest.map(decodeURIComponent).join("/");
      return labels;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.literal !== undefined) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      labels[segment.label!] = decodeURIComponent(part);
    }
  }
  // A trailing slash the template does not have still names the same resource.
  const extra = parts.slice(route.segments.length);
  return extra.every((p) => p === "") ? labels : undefined;
}

function routeOf(schema: StaticOperationSchema): Route | null {
  let route = routes.get(schema);
  if (route === undefined) {
    route = compile(schema);
    routes.set(schema, route);
  }
  return route;
}

function compile(schema: StaticOperationSchema): Route | null {
  const http = (schema[3] as { http?: [string, string, number] }).http;
  if (http === undefined) return null;
  const [method, uri] = http;
  const [path = "", rawQuery = ""] = uri.split("?", 2);
  const staticQuery = rawQuery === "" ? [] : [...new URLSearchParams(rawQuery).entries()];
  const segments = path
    .split("/")
    .slice(1)
    .map((s) => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(s);
      return label === null ? { literal: s } : { label: label[1]!, greedy: label[2] === "+" };
    });
  const literalCount = segments.filter((s) => s.literal !== undefined).length;
  return { method: method.toUpperCase(), segments, staticQuery, literalCount };
}

import { InvokeCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { rememberOperation } from "./catalogue.ts";
import { decodeRequest } from "./codec.ts";
import { serviceInput, shapeOutput } from "./fast-parity.ts";
import { matchRoute } from "./rest-route.ts";
import type { RestJsonProtocol } from "./service-protocol.ts";

const ns = "com.example.rest";
const unit = [3, ns, "Unit", 0, [], []];
const op = (name: string, http: [string, string, number], input: unknown = unit) => [
  9,
  ns,
  name,
  { http },
  input,
  unit,
];
const GetObjectInput = [
  3,
  ns,
  "GetObjectInput",
  0,
  ["Bucket", "Key", "Max", "Tags", "Since"],
  [
    [0, { httpLabel: 1 }],
    [0, { httpLabel: 1 }],
    [1, { httpQuery: "max" }],
    [() => [1, ns, "Tags", 0, 0], { httpQuery: "tag" }],
    [4, { httpHeader: "If-Modified-Since" }],
  ],
];
const GetObject = op("GetObject", ["GET", "/buckets/{Bucket}/{Key+}", 200], GetObjectInput);
const GetPolicy = op("GetPolicy", ["GET", "/buckets/{Bucket}/policy", 200]);
const ListVersions = op("ListVersions", ["GET", "/buckets/{Bucket}?versions", 200]);
const GetBucket = op("GetBucket", ["GET", "/buckets/{Bucket}", 200]);
const DeleteBucket = op("DeleteBucket", ["DELETE", "/buckets/{Bucket}", 204]);
for (const schema of [GetObject, GetPolicy, ListVersions, GetBucket, DeleteBucket])
  rememberOperation("Rest", schema);
const protocol: RestJsonProtocol = { kind: "restJson", serviceId: "Rest", namespace: ns };

const route = (method: string, path: string, query?: Record<string, string>) => {
  const match = matchRoute("Rest", { method, path, headers: {}, ...(query ? { query } : {}) });
  return match === undefined ? undefined : [match.schema[2], match.labels];
};

describe("REST routing from the operations' http traits", () => {
  it("prefers literal segments, honours methods, static query parameters and greedy labels", () => {
    expect(route("GET", "/buckets/b1/policy")).toEqual(["GetPolicy", { Bucket: "b1" }]);
    expect(route("GET", "/buckets/b1/a/b%2Fc/d")).toEqual(["GetObject", { Bucket: "b1", Key: "a/b/c/d" }]);
    expect(route("GET", "/buckets/b%3A1")).toEqual(["GetBucket", { Bucket: "b:1" }]);
    expect(route("GET", "/buckets/b1", { versions: "" })).toEqual(["ListVersions", { Bucket: "b1" }]);
    expect(route("DELETE", "/buckets/b1")).toEqual(["DeleteBucket", { Bucket: "b1" }]);
    expect(route("PUT", "/buckets/b1")).toBeUndefined();
    expect(route("GET", "/buckets")).toBeUndefined();
  });

  it("reads labels, query parameters (from the path too) and headers as their members' types", () => {
    const request = {
      method: "GET",
      path: "/buckets/b1/x/y?max=5&tag=a&tag=b",
      headers: { "if-modified-since": "Sun, 03 Feb 2024 04:05:06 GMT" },
    };
    expect(decodeRequest(protocol, request)).toEqual({
      operation: "GetObject",
      input: {
        Bucket: "b1",
        Key: "x/y",
        Max: 5,
        Tags: ["a", "b"],
        Since: new Date(Date.UTC(2024, 1, 3, 4, 5, 6)),
      },
    });
  });

  it("names the request it cannot route", () => {
    expect(() => decodeRequest(protocol, { method: "POST", path: "/nowhere", headers: {} })).toThrow(
      /Rest: no known operation answers POST \/nowhere/,
    );
  });
});

describe("fast-mode parity with the SDK pipeline", () => {
  const invoke = new InvokeCommand({ FunctionName: "f" }).schema;

  it("hands the service blob inputs as bytes, and an empty payload as none", () => {
    const input = { FunctionName: "f", Payload: '{"a":1}' };
    expect(serviceInput(invoke, input)).toEqual({
      FunctionName: "f",
      Payload: new TextEncoder().encode('{"a":1}'),
    });
    expect(input.Payload).toBe('{"a":1}');
    expect(serviceInput(invoke, { FunctionName: "f", Payload: new Uint8Array() })).toEqual({
      FunctionName: "f",
    });
    const bytes = { FunctionName: "f", Payload: new Uint8Array([1]) };
    expect(serviceInput(invoke, bytes)).toBe(bytes);
  });

  it("returns blob payloads as the SDK's adapter (null when absent) and the status the output names", () => {
    const output: Record<string, unknown> = { StatusCode: 200, Payload: new TextEncoder().encode('"ok"') };
    expect(shapeOutput(invoke, output)).toBe(200);
    // The SDK's own outputs are not `instanceof` the exported class either (mutate uses its base).
    expect(output.Payload?.constructor.name).toBe("Uint8ArrayBlobAdapter");
    expect((output.Payload as { transformToString(): string }).transformToString()).toBe('"ok"');
    const event: Record<string, unknown> = { StatusCode: 202 };
    expect(shapeOutput(invoke, event)).toBe(202);
    expect(event).toEqual({ StatusCode: 202, Payload: null });
    const noStatus: Record<string, unknown> = {};
    expect(shapeOutput(invoke, noStatus)).toBe(200);
    expect(noStatus.StatusCode).toBe(200);
    expect(shapeOutput(DeleteBucket, {})).toBe(204);
    expect(shapeOutput(undefined, {})).toBe(200);
  });
});

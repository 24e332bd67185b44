import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../aws-error.ts";
import { lambdaWorld } from "./testing/lambda-world.ts";

const functions = [
  { name: "counter", handler: "counter-handler.ts#handler" },
  { name: "sleepy", handler: "sleepy-handler.ts#handler" },
  { name: "callback", handler: "callback-handler.ts#handler" },
  { name: "broken", handler: "broken-init.ts#handler" },
  { name: "missing", handler: "counter-handler.ts#nope" },
];

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const text = (payload: unknown) => new TextDecoder().decode(payload as Uint8Array);

async function invoke(input: Record<string, unknown>): Promise<Record<string, unknown>> {
  using world = lambdaWorld(functions);
  const { sim, lambda } = world;
  // Awaited here: `using` disposes the world when the function returns.
  return await sim.run<Record<string, unknown>>(async () => {
    try {
      return (await lambda.handle("Invoke", input)) as Record<string, unknown>;
    } catch (error) {
      return { error } as Record<string, unknown>;
    }
  });
}

async function errorOf(input: Record<string, unknown>): Promise<AwsServiceError> {
  const out = await invoke(input);
  expect(out.error).toBeInstanceOf(AwsServiceError);
  return out.error as AwsServiceError;
}

describe("Invoke", () => {
  it("answers RequestResponse with the payload, the version and the log tail", async () => {
    const out = await invoke({ FunctionName: "counter", Payload: bytes({ id: "o-7" }), LogType: "Tail" });
    expect(out).toMatchObject({ StatusCode: 200, ExecutedVersion: "$LATEST" });
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(text(out.Payload))).toMatchObject({ invocations: 1, functionName: "counter" });
    expect((out.Payload as { transformToString(): string }).transformToString()).toBe(text(out.Payload));
    const log = Buffer.from(out.LogResult as string, "base64").toString();
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST\n/);
    expect(log).toContain("\tINFO\thandling o-7\n");
    expect(log).toMatch(/\nREPORT RequestId: .*Init Duration: [\d.]+ ms\t\n$/);
  });

  it("reports a function error as FunctionError Unhandled with the runtime's payload", async () => {
    const out = await invoke({
      FunctionName: "sleepy",
      Payload: bytes({ sleepMs: 1, fail: "out of stock" }),
    });
    expect(out).toMatchObject({ StatusCode: 200, FunctionError: "Unhandled" });
    const payload = JSON.parse(text(out.Payload)) as Record<string, unknown>;
    expect(payload).toMatchObject({ errorType: "Error", errorMessage: "out of stock" });
    expect((payload.trace as string[])[0]).toBe("Error: out of stock");
  });

  it("supports callback-style handlers", async () => {
    expect(JSON.parse(text((await invoke({ FunctionName: "callback" })).Payload))).toEqual({
      style: "callback",
    });
    const failed = await invoke({ FunctionName: "callback", Payload: bytes({ fail: true }) });
    expect(JSON.parse(text(failed.Payload))).toMatchObject({
      errorType: "TypeError",
      errorMessage: "callback failure",
    });
  });

  it("reports init failures as Lambda does", async () => {
    const broken = JSON.parse(text((await invoke({ FunctionName: "broken" })).Payload)) as Record<
      string,
      unknown
    >;
    expect(broken).toMatchObject({ errorType: "RangeError", errorMessage: "config missing" });
    const missing = JSON.parse(text((await invoke({ FunctionName: "missing" })).Payload)) as Record<
      string,
      unknown
    >;
    expect(missing).toEqual({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "counter-handler.ts#nope is undefined or not exported",
    });
  });

  it("answers Event with 202 and DryRun with 204 without running anything", async () => {
    expect(
      await invoke({ FunctionName: "counter", InvocationType: "Event", Payload: bytes({}) }),
    ).toMatchObject({
      StatusCode: 202,
    });
    expect(await invoke({ FunctionName: "counter", InvocationType: "DryRun" })).toEqual({ StatusCode: 204 });
  });

  it("rejects unknown functions, bad payloads and oversized requests with Lambda's errors", async () => {
    const notFound = await errorOf({ FunctionName: "nope" });
    expect([notFound.code, notFound.message, notFound.statusCode]).toEqual([
      "ResourceNotFoundException",
      "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope",
      404,
    ]);
    const qualified = await errorOf({ FunctionName: "counter", Qualifier: "prod" });
    expect(qualified.message).toBe(
      "Function not found: arn:aws:lambda:us-east-1:123456789012:function:counter:prod",
    );
    const bad = await errorOf({ FunctionName: "counter", Payload: new TextEncoder().encode("{oops") });
    expect(bad.code).toBe("InvalidRequestContentException");
    expect(bad.message).toMatch(
      /^Could not parse request body into json: Could not parse payload into json: /,
    );
    const big = new TextEncoder().encode(JSON.stringify({ blob: "x".repeat(1024 * 1024) }));
    const tooLarge = await errorOf({ FunctionName: "counter", InvocationType: "Event", Payload: big });
    expect([tooLarge.code, tooLarge.message, tooLarge.statusCode]).toEqual([
      "RequestTooLargeException",
      "Request must be smaller than 1048576 bytes for the InvokeFunction operation",
      413,
    ]);
    expect((await invoke({ FunctionName: "counter", Payload: big })).StatusCode).toBe(200);
  });

  it("passes a synchronous invoke's ClientContext to the handler, decoded", async () => {
    const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: "t-1" } })).toString("base64");
    const out = await invoke({ FunctionName: "counter", ClientContext: clientContext });
    expect(JSON.parse(text(out.Payload))).toMatchObject({ clientContext: { custom: { tenant: "t-1" } } });
    const bad = await errorOf({ FunctionName: "counter", ClientContext: "not base64 json" });
    expect([bad.code, bad.message]).toEqual([
      "InvalidRequestContentException",
      "Client context must be a valid Base64-encoded JSON object.",
    ]);
  });

  it("accepts full and partial ARNs and $LATEST", async () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:counter";
    const out = await invoke({ FunctionName: `${arn}:$LATEST`, Payload: bytes({}) });
    expect(JSON.parse(text(out.Payload))).toMatchObject({ invokedFunctionArn: `${arn}:$LATEST` });
    expect((await invoke({ FunctionName: "123456789012:function:counter" })).StatusCode).toBe(200);
    const elsewhere = await errorOf({
      FunctionName: "arn:aws:lambda:eu-west-1:123456789012:function:counter",
    });
    expect(elsewhere.code).toBe("ResourceNotFoundException");
  });
});

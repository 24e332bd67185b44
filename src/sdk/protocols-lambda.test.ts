import {
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
} from "@aws-sdk/client-lambda";
import { expect, it } from "vitest";
import { expectModesAgree, inMode, sendEach } from "./protocols/testing/both-modes.ts";
import { FakeFunctions } from "./protocols/testing/fake-services.ts";

const lambda = new LambdaClient({});
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const clientContext = Buffer.from(JSON.stringify({ custom: { a: 1 } })).toString("base64");

async function scenario(mode: "fast" | "wire") {
  const functions = new FakeFunctions(["orders", "billing", "audit"]);
  const commands = [
    new InvokeCommand({ FunctionName: "orders", Payload: bytes({ id: 1 }), ClientContext: clientContext }),
    new InvokeCommand({
      FunctionName: "orders",
      Payload: bytes({ fail: true }),
      LogType: "Tail",
      Qualifier: "$LATEST",
    }),
    new InvokeCommand({ FunctionName: "orders", InvocationType: "Event", Payload: bytes({ id: 2 }) }),
    new GetFunctionCommand({ FunctionName: "billing" }),
    new ListFunctionsCommand({ MaxItems: 2, FunctionVersion: "ALL" }),
    new InvokeCommand({ FunctionName: "missing" }),
    new InvokeCommand({ FunctionName: "busy", Payload: bytes({}) }),
  ];
  const { result, endMs } = await inMode(mode, [functions], async () => {
    return sendEach(lambda, [...commands, new InvokeCommand({ FunctionName: "busy-retry-after" })]);
  });
  return { result, endMs, received: functions.received };
}

it("answers Lambda (REST-JSON: labels, headers, raw payloads, status codes) identically in fast and wire mode", async () => {
  const fast = await scenario("fast");
  const wire = await scenario("wire");
  expectModesAgree(fast, wire);

  expect(wire.received[1]?.[1]).toEqual({
    FunctionName: "orders",
    Payload: bytes({ fail: true }),
    LogType: "Tail",
    Qualifier: "$LATEST",
  });
  const [ok, failed, event, got, listed] = wire.result as {
    ok: Record<string, { transformToString?: () => string }>;
  }[];
  for (const { result } of [fast, wire]) {
    const payload = (result[0] as { ok: { Payload: { transformToString(): string } } }).ok.Payload;
    expect(JSON.parse(payload.transformToString())).toEqual({ echo: { id: 1 }, context: clientContext });
  }
  expect(ok).toMatchObject({
    ok: { StatusCode: 200, ExecutedVersion: "$LATEST", $metadata: { httpStatusCode: 200 } },
  });
  expect(failed).toMatchObject({
    ok: { StatusCode: 200, FunctionError: "Unhandled", LogResult: "U1RBUlQKRU5ECg==" },
  });
  expect(JSON.parse(failed?.ok.Payload?.transformToString?.() ?? "")).toMatchObject({ errorMessage: "boom" });
  expect(event).toMatchObject({ ok: { StatusCode: 202, Payload: null, $metadata: { httpStatusCode: 202 } } });
  expect(got).toMatchObject({
    ok: { Configuration: { FunctionName: "billing", MemorySize: 128 }, Tags: { team: "a" } },
  });
  expect(listed).toMatchObject({
    ok: { NextMarker: "2", Functions: [{ FunctionName: "orders" }, { FunctionName: "billing" }] },
  });
  expect(listed?.ok.Functions).toHaveLength(2);

  for (const { result } of [fast, wire]) {
    const missing = result[5] as { exception: ResourceNotFoundException };
    expect(missing.exception).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.exception).toMatchObject({
      message: "Function not found: missing",
      $fault: "client",
      Type: "User",
      $metadata: { httpStatusCode: 404, attempts: 1 },
    });
    const busy = result[6] as { exception: TooManyRequestsException };
    expect(busy.exception).toBeInstanceOf(TooManyRequestsException);
    expect(busy.exception).toMatchObject({
      message: "Rate Exceeded.",
      Reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
      $fault: "client",
      $metadata: { httpStatusCode: 429, attempts: 3 },
    });
    const hinted = result[7] as { exception: TooManyRequestsException };
    expect(hinted.exception).toBeInstanceOf(TooManyRequestsException);
    // Retried after the Retry-After hint in both modes (the outcomes above are equal).
    expect(hinted.exception).toMatchObject({ retryAfterSeconds: "1", $metadata: { attempts: 3 } });
  }
});

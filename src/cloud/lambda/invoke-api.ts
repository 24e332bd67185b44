import { AwsServiceError } from "../aws-error.ts";
import type { ServiceAnswer } from "../services.ts";
import { RESPONSE_REQUEST_ID } from "../services.ts";
import type { FunctionRuntime, InvocationResult } from "./function-runtime.ts";

/** Lambda's payload limits (AWS docs: 6 MB synchronous, 1 MB asynchronous). */
const MAX_SYNC_BYTES = 6 * 1024 * 1024;
const MAX_ASYNC_BYTES = 1024 * 1024;
/** `LogResult` carries the last 4 KB of the invocation's log. */
const LOG_TAIL_BYTES = 4096;

/** What the Invoke operation needs of the Lambda service. */
export interface InvokeApiHost {
  /** The function's runtime, or a ResourceNotFoundException. */
  target(functionName: string, qualifier: string | undefined): FunctionRuntime;
  /** The span the call runs in (the caller's SDK call), linked from the invocation. */
  currentSpanId(): string | undefined;
  newRequestId(): string;
  /** Queues an asynchronous invocation and returns its request id. */
  enqueueAsync(runtime: FunctionRuntime, event: unknown, links: string[], invokedArn: string): string;
}

/**
 * The Invoke operation in the SDK's shapes: RequestResponse (answers when the invocation ends),
 * Event (202 once queued) and DryRun (204, nothing runs, no environment is warmed).
 *
 * @example
 * const out = await handleInvoke(host, { FunctionName: "f", Payload: new TextEncoder().encode("{}") });
 */
export function handleInvoke(host: InvokeApiHost, input: Record<string, unknown>): ServiceAnswer {
  const name = input.FunctionName;
  if (typeof name !== "string" || name.length === 0) {
    throw new AwsServiceError(
      "ValidationException",
      "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null",
    );
  }
  const type = input.InvocationType ?? "RequestResponse";
  if (type !== "RequestResponse" && type !== "Event" && type !== "DryRun") {
    throw new AwsServiceError(
      "ValidationException",
      `1 validation error detected: Value '${String(type)}' at 'invocationType' failed to satisfy constraint: ` +
        "Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
    );
  }
  const qualifier = typeof input.Qualifier === "string" ? input.Qualifier : undefined;
  const runtime = host.target(name, qualifier);
  const bytes = payloadBytes(input.Payload);
  const limit = type === "Event" ? MAX_ASYNC_BYTES : MAX_SYNC_BYTES;
  if (bytes.byteLength > limit) {
    throw new AwsServiceError(
      "RequestTooLargeException",
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      { fields: { Type: "User" }, statusCode: 413 },
    );
  }
  const event = parsePayload(bytes);
  const caller = host.currentSpanId();
  const links = caller === undefined ? [] : [caller];
  const invokedArn = name.startsWith("arn:") ? name : runtime.fn.arn;
  if (type === "DryRun") return { StatusCode: 204 };
  if (type === "Event") {
    const queuedId = host.enqueueAsync(runtime, event, links, invokedArn);
    return { StatusCode: 202, Payload: blob(""), [RESPONSE_REQUEST_ID]: queuedId };
  }
  const requestId = host.newRequestId();
  const clientContext = decodeClientContext(input.ClientContext);
  return runtime
    .run({ event, trigger: "invoke", links, requestId, invokedArn, clientContext })
    .then((result) => ({
      ...invokeOutput(result, input.LogType === "Tail"),
      [RESPONSE_REQUEST_ID]: requestId,
    }));
}

function invokeOutput(result: InvocationResult, tail: boolean): Record<string, unknown> {
  const { outcome } = result;
  if (outcome.kind === "throttled") {
    throw new AwsServiceError("TooManyRequestsException", "Rate Exceeded.", {
      fields: { Reason: outcome.reason, Type: "User" },
      throttling: true,
      statusCode: 429,
    });
  }
  const output: Record<string, unknown> = { StatusCode: 200, ExecutedVersion: "$LATEST" };
  if (outcome.kind === "success") {
    output.Payload = blob(JSON.stringify(outcome.result));
  } else {
    output.FunctionError = "Unhandled";
    output.Payload = blob(JSON.stringify(result.failure?.payload() ?? {}));
  }
  if (tail) {
    const text = Buffer.from(result.logLines.map((line) => `${line}\n`).join(""));
    output.LogResult = text.subarray(Math.max(0, text.byteLength - LOG_TAIL_BYTES)).toString("base64");
  }
  return output;
}

function payloadBytes(payload: unknown): Uint8Array {
  if (payload === undefined || payload === null) return new Uint8Array();
  if (payload instanceof Uint8Array) return payload;
  if (typeof payload === "string") return new TextEncoder().encode(payload);
  throw new AwsServiceError(
    "InvalidRequestContentException",
    "Could not parse request body into json: the payload must be bytes (Uint8Array) or a string",
    { fields: { Type: "User" } },
  );
}

/** ClientContext is base64-encoded JSON of at most 3583 bytes; the handler gets it decoded. */
function decodeClientContext(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const invalid = () =>
    new AwsServiceError(
      "InvalidRequestContentException",
      "Client context must be a valid Base64-encoded JSON object.",
      {
        fields: { Type: "User" },
      },
    );
  if (typeof value !== "string" || value.length > 3583) throw invalid();
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64").toString("utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid();
    return parsed;
  } catch {
    throw invalid();
  }
}

/** An empty payload is the event `{}`, as Lambda passes it. */
function parsePayload(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  if (text.trim().length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AwsServiceError(
      "InvalidRequestContentException",
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
      { fields: { Type: "User" } },
    );
  }
}

/** The SDK returns payloads as a Uint8Array with `transformToString`; so does the simulation. */
function blob(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return Object.assign(bytes, {
    transformToString: (encoding = "utf-8") => new TextDecoder(encoding).decode(bytes),
  });
}

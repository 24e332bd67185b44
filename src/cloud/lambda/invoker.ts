/**
 * The seam between Lambda's runtime and what triggers it (event source mappings, SNS, the Invoke
 * API): callers hand over an event and learn how the invocation ended, without knowing about
 * execution environments.
 */

/** Why an invocation was refused before it ran: Lambda's TooManyRequestsException reasons. */
export type ThrottleReason =
  | "ReservedFunctionConcurrentInvocationLimitExceeded"
  | "ConcurrentInvocationLimitExceeded";

/** How one invocation ended. */
export type InvokeOutcome =
  | { readonly kind: "success"; readonly result: unknown; readonly requestId: string }
  | {
      readonly kind: "function-error";
      readonly requestId: string;
      /** `errorType` of Lambda's error payload, e.g. `Error`, `TypeError`, `Sandbox.Timedout`. */
      readonly errorType: string;
      readonly errorMessage: string;
      readonly timedOut: boolean;
    }
  | { readonly kind: "throttled"; readonly reason: ThrottleReason };

/** One invocation request. */
export interface InvokeRequest {
  /** A function's name or ARN. */
  readonly functionName: string;
  /** The event; Lambda serialises it, so the handler receives a JSON copy. */
  readonly event: unknown;
  /** What triggered it, for the trace: `sqs`, `dynamodb-stream`, `sns`, `invoke`, `destination`. */
  readonly trigger: string;
  /** Ids of the trace spans (SDK calls, sends) that caused it, recorded as causality links. */
  readonly links?: readonly string[];
  /**
   * Which delivery of the event this is, 1 for the first: an SQS batch's highest receive count,
   * a stream batch's invokes so far (a span attribute).
   */
  readonly attempt?: number;
}

/**
 * Runs functions. Event source mappings and SNS depend only on this interface.
 *
 * @example
 * const outcome = await invoker.invoke({ functionName: "reserveStock", event, trigger: "sqs" });
 * if (outcome.kind === "throttled") backOff();
 */
export interface FunctionInvoker {
  /** Synchronous invoke (RequestResponse): resolves when the invocation ends. */
  invoke(request: InvokeRequest): Promise<InvokeOutcome>;
  /**
   * Asynchronous invoke (Event): Lambda queues the event, retries a failed invocation twice with
   * back-off, and sends what still fails to the function's on-failure destination or DLQ.
   */
  invokeAsync(request: InvokeRequest): void;
  /** The function's ARN, or undefined when no such function exists. */
  functionArn(functionName: string): string | undefined;
}

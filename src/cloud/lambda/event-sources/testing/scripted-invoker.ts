import type { KernelServices } from "../../../../core/services.ts";
import type { FunctionInvoker, InvokeOutcome, InvokeRequest } from "../../invoker.ts";

/**
 * Decides how one invocation ends; `call` counts from 1.
 *
 * @example
 * const script: InvokeScript = (_, call) => (call === 1 ? failed() : ok());
 */
export type InvokeScript = (request: InvokeRequest, call: number) => InvokeOutcome;

/**
 * A FunctionInvoker for the mappings' tests: each invocation takes `durationMs` of virtual time
 * (foreground, as a real invocation is) and ends as the script says; it records the requests and
 * the most invocations in flight at once.
 *
 * @example
 * const invoker = new ScriptedInvoker(kernel, () => ok());
 */
export class ScriptedInvoker implements FunctionInvoker {
  readonly requests: InvokeRequest[] = [];
  maxInFlight = 0;
  private inFlight = 0;

  constructor(
    private readonly kernel: KernelServices,
    private readonly script: InvokeScript,
    private readonly durationMs = 100,
  ) {}

  invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    // A JSON copy, as Lambda serialises the event.
    const copy = { ...request, event: JSON.parse(JSON.stringify(request.event)) as unknown };
    this.requests.push(copy);
    const call = this.requests.length;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve) =>
      this.kernel.schedule(this.durationMs, "scripted-invoke", () => {
        this.inFlight--;
        resolve(this.script(copy, call));
      }),
    );
  }

  invokeAsync(request: InvokeRequest): void {
    void this.invoke(request);
  }

  functionArn(functionName: string): string {
    return `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`;
  }

  /** Picks one field of every record of every invocation, batch by batch. */
  batches(pick: (record: Record<string, unknown>) => unknown): unknown[][] {
    return this.requests.map((r) => (r.event as { Records: Record<string, unknown>[] }).Records.map(pick));
  }
}

/**
 * A successful outcome returning `result`.
 *
 * @example
 * ok({ batchItemFailures: [] });
 */
export const ok = (result: unknown = null): InvokeOutcome => ({
  kind: "success",
  result,
  requestId: "req-ok",
});

/**
 * An unhandled function error.
 *
 * @example
 * new ScriptedInvoker(kernel, () => failed());
 */
export const failed = (): InvokeOutcome => ({
  kind: "function-error",
  requestId: "req-failed",
  errorType: "Error",
  errorMessage: "boom",
  timedOut: false,
});

/**
 * A throttle for reserved concurrency.
 *
 * @example
 * new ScriptedInvoker(kernel, (_, call) => (call <= 2 ? throttled() : ok()));
 */
export const throttled = (): InvokeOutcome => ({
  kind: "throttled",
  reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
});

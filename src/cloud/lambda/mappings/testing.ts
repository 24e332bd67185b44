import type { FunctionInvoker, InvokeOutcome, InvokeRequest } from "../invoker.ts";

type Script = (request: InvokeRequest, call: number) => InvokeOutcome | Promise<InvokeOutcome>;

/**
 * A FunctionInvoker for the mappings' tests: answers each invocation by a script, records the
 * events it was given.
 *
 * @example const invoker = new ScriptedInvoker(() => ({ kind: "success", result: null, requestId: "r" }));
 */
export class ScriptedInvoker implements FunctionInvoker {
  readonly requests: InvokeRequest[] = [];

  constructor(private readonly script: Script) {}

  async invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    this.requests.push(request);
    return this.script(request, this.requests.length);
  }

  invokeAsync(request: InvokeRequest): void {
    void this.invoke(request);
  }

  functionArn(functionName: string): string {
    return `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`;
  }

  /** The record bodies or sequence numbers of every invocation, in order. */
  batches<T>(pick: (record: Record<string, unknown>) => T): T[][] {
    return this.requests.map((r) =>
      ((r.event as { Records: Record<string, unknown>[] }).Records ?? []).map(pick),
    );
  }
}

/** A successful outcome with `result`. */
export const ok = (result: unknown = null): InvokeOutcome => ({ kind: "success", result, requestId: "r-ok" });

/** A function error outcome. */
export const failed = (): InvokeOutcome => ({
  kind: "function-error",
  requestId: "r-err",
  errorType: "Error",
  errorMessage: "boom",
  timedOut: false,
});

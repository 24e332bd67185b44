import { originalStack } from "./compiled-stacks.ts";

/**
 * A failed invocation as Lambda reports it: the `errorType` / `errorMessage` / `trace` payload the
 * Node.js runtime returns for an unhandled error.
 *
 * @example
 * const failure = FunctionFailure.fromError(new TypeError("x is undefined"));
 * failure.payload(); // { errorType: "TypeError", errorMessage: "x is undefined", trace: [...] }
 */
export class FunctionFailure extends Error {
  override name = "FunctionFailure";

  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: readonly string[] = [],
    readonly timedOut = false,
    /** The runtime process died (the environment is gone), rather than the handler failing. */
    readonly processExited = false,
  ) {
    super(`${errorType}: ${errorMessage}`);
  }

  /** What the handler rejected with, or passed to its callback. */
  static fromError(error: unknown): FunctionFailure {
    if (error instanceof FunctionFailure) return error;
    if (error instanceof Error) {
      const trace = originalStack((error.stack ?? "").split("\n").filter(Boolean));
      return new FunctionFailure(error.name, error.message, trace);
    }
    // The runtime reports a thrown non-Error with its JavaScript type as the error type.
    const message = typeof error === "string" ? error : safeJson(error);
    return new FunctionFailure(typeof error, message);
  }

  /** What the init phase threw: a missing module, a syntax error, or the module's own error. */
  static fromInit(error: unknown): FunctionFailure {
    if (error instanceof FunctionFailure) return error;
    const code = (error as { code?: unknown } | undefined)?.code;
    const base = FunctionFailure.fromError(error);
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      return new FunctionFailure("Runtime.ImportModuleError", `Error: ${base.errorMessage}`, base.trace);
    }
    if (error instanceof SyntaxError) {
      return new FunctionFailure(
        "Runtime.UserCodeSyntaxError",
        `SyntaxError: ${base.errorMessage}`,
        base.trace,
      );
    }
    return base;
  }

  /** Lambda's timeout error. */
  static timeout(requestId: string, timeoutMs: number): FunctionFailure {
    const seconds = (timeoutMs / 1000).toFixed(2);
    return new FunctionFailure(
      "Sandbox.Timedout",
      `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds`,
      [],
      true,
    );
  }

  /**
   * The runtime process killed after the handler finished, before its result was returned (the
   * crash-after-side-effect fault): what Lambda reports when the process dies on SIGKILL.
   */
  static runtimeExit(requestId: string): FunctionFailure {
    const message = `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`;
    return new FunctionFailure("Runtime.ExitError", message, [], false, true);
  }

  /** The error payload, as the Invoke API returns it. */
  payload(): Record<string, unknown> {
    const body: Record<string, unknown> = { errorType: this.errorType, errorMessage: this.errorMessage };
    if (this.trace.length > 0) body.trace = [...this.trace];
    return body;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

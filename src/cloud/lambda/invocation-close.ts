import type { KernelServices } from "../../core/services.ts";
import { closingLines } from "./closing-lines.ts";
import type { ResolvedFunction } from "./definition.ts";
import type { ExecutionEnvironment } from "./environment.ts";
import { FunctionFailure } from "./failure.ts";
import type { FunctionLogs } from "./function-logs.ts";
import type { InvokeOutcome } from "./invoker.ts";
import type { FunctionMetrics } from "./metrics.ts";
import type { EnvironmentPool } from "./pool.ts";
import type { InvocationTracer } from "./tracer.ts";

/** How an invocation ended, with what the Invoke API reports beside the outcome. */
export interface InvocationResult {
  readonly outcome: InvokeOutcome;
  /** The lines the invocation wrote, START to REPORT (empty when throttled). */
  readonly logLines: readonly string[];
  /** The error payload of a function error. */
  readonly failure?: FunctionFailure;
}

/** An invocation's result before its lines are attached (the caller holds those). */
export type ClosedInvocation = Omit<InvocationResult, "logLines">;

/**
 * Ends the invocations of one function, whether the handler returned, failed, timed out, crashed
 * or never got past init: writes the closing lines (END, REPORT…), counts the error, settles the
 * environment (back to the pool warm, or discarded), closes the span and builds the outcome.
 *
 * @example
 * return closer.close(env, spanId, requestId, startMs, initDurationMs, { value: result });
 */
export class InvocationCloser {
  constructor(
    private readonly kernel: KernelServices,
    private readonly tracer: InvocationTracer,
    private readonly fn: ResolvedFunction,
    private readonly metrics: FunctionMetrics,
    private readonly pool: EnvironmentPool,
    private readonly logs: FunctionLogs,
  ) {}

  /**
   * Closes one invocation. `startMs` is when the handler started (or init failed), the REPORT's
   * duration counts from there; `ended` is the handler's value or the failure.
   */
  close(
    env: ExecutionEnvironment,
    spanId: string,
    requestId: string,
    startMs: number,
    initDurationMs: number | undefined,
    ended: { value: unknown } | FunctionFailure,
  ): ClosedInvocation {
    const { tracer, pool } = this;
    const nowMs = this.kernel.nowMs();
    const failure = ended instanceof FunctionFailure ? ended : undefined;
    const report = {
      requestId,
      durationMs: nowMs - startMs,
      memorySizeMb: this.fn.memorySizeMb,
      maxMemoryUsedMb: env.maxMemoryUsedMb,
      initDurationMs,
      timedOut: failure?.timedOut ?? false,
    };
    for (const line of closingLines(failure, report, nowMs, this.fn.timeoutMs))
      this.logs.write(env, requestId, line);
    if (failure?.timedOut === true) this.metrics.timeouts++;
    // A timed-out environment is discarded, and frozen: what the handler still does (a timer, an
    // SDK call) has no effect; a crashed runtime's environment is gone with its process.
    const lost = failure?.timedOut === true || failure?.processExited === true;
    if (lost) pool.discard(env);
    // A lost environment's span stays registered: code it left running must find it frozen.
    if (!lost) tracer.scopes?.unregister(spanId);
    if (env.state === "busy" && !env.scope.frozen) pool.release(env);
    else pool.discard(env);
    tracer.close(spanId, failure === undefined ? undefined : failure.message);
    if (failure === undefined) {
      return { outcome: { kind: "success", result: (ended as { value: unknown }).value, requestId } };
    }
    this.metrics.errors++;
    const { errorType, errorMessage, timedOut } = failure;
    return { outcome: { kind: "function-error", requestId, errorType, errorMessage, timedOut }, failure };
  }
}

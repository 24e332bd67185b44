import type { InvokeResult, LogEntry, Target } from "../targets/target.ts";
import { type EventuallyOptions, eventually } from "./eventually.ts";

/** Options of {@link invokeWithColdStartCompensation}. */
export interface ColdStartInvokeOptions {
  /** Give up after this much time. Default 30,000 ms (the seed's `max_wait`). */
  readonly timeoutMs?: number;
  /**
   * Also confirm that *this* payload was processed: wait until the function's logs for the
   * invocation contain this text (a correlation id), rather than trusting that it merely ran.
   */
  readonly confirmInLogs?: string;
  /** How to wait between tries. Default: the target's own clock (`target.advance`). */
  readonly wait?: EventuallyOptions["wait"];
}

/** An invocation's result, with what its cold start cost. */
export interface ColdStartInvokeResult extends InvokeResult {
  /** Whether the invocation ran in a new execution environment. */
  readonly cold: boolean;
  /** The init phase's duration, from the REPORT line, on a cold start. */
  readonly initDurationMs?: number;
  /** Invoke attempts made (throttles and not-yet-ready functions are retried). */
  readonly attempts: number;
}

// Lambda's answers that mean "not yet" rather than "no": the function is still being created or
// updated, or every environment is busy.
const NOT_YET = new Set([
  "ResourceNotFoundException",
  "ResourceNotReadyException",
  "ResourceConflictException",
  "TooManyRequestsException",
]);
const notYet = (error: unknown) => error instanceof Error && NOT_YET.has(error.name);

/**
 * The seed's `invoke_with_cold_start_compensation`, without sleeps: a DryRun first (the function
 * exists and may be invoked), then the invocation, both retried with back-off while Lambda says
 * "not yet"; then the REPORT line tells whether the call was cold and how long its init took.
 * With `confirmInLogs` it also waits until the invocation's logs show that payload was handled.
 *
 * @example
 * const result = await invokeWithColdStartCompensation(target, "reserveStock", { orderId: "o-1" }, { confirmInLogs: "o-1" });
 * if (result.cold) console.log(`init took ${result.initDurationMs} ms`);
 */
export async function invokeWithColdStartCompensation(
  target: Target,
  fn: string,
  payload: unknown,
  options: ColdStartInvokeOptions = {},
): Promise<ColdStartInvokeResult> {
  const retry: EventuallyOptions = {
    timeoutMs: options.timeoutMs ?? 30_000,
    retryIf: notYet,
    wait: options.wait ?? ((ms) => target.advance(ms)),
  };
  await eventually(() => target.invoke(fn, payload, { invocationType: "DryRun" }), {
    ...retry,
    description: `a DryRun of ${fn}`,
  });
  let attempts = 0;
  const result = await eventually(
    () => {
      attempts++;
      return target.invoke(fn, payload);
    },
    { ...retry, description: `invoking ${fn}` },
  );
  const lines = await eventually(
    async () => {
      const found = await target.logs({ functionName: fn, requestId: result.requestId });
      if (!found.some((l) => l.message.startsWith("REPORT")))
        throw new Error(`no REPORT line for ${result.requestId} yet`);
      if (
        options.confirmInLogs !== undefined &&
        !found.some((l) => l.message.includes(options.confirmInLogs as string))
      )
        throw new Error(`the logs of ${result.requestId} do not show "${options.confirmInLogs}" yet`);
      return found;
    },
    { ...retry, retryIf: () => true, description: `the logs of ${fn}'s invocation ${result.requestId}` },
  );
  const initDurationMs = initDuration(lines);
  return {
    ...result,
    cold: initDurationMs !== undefined,
    ...(initDurationMs === undefined ? {} : { initDurationMs }),
    attempts,
  };
}

function initDuration(lines: readonly LogEntry[]): number | undefined {
  const report = lines.find((l) => l.message.startsWith("REPORT"));
  const match = report === undefined ? null : /Init Duration: ([\d.]+) ms/.exec(report.message);
  return match === null ? undefined : Number(match[1]);
}

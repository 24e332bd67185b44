import type { InvokeResult, LogEntry, Target } from "../targets/target.ts";
import { type EventuallyOptions, eventually } from "./eventually.ts";

/** Options of {@link invokeWithColdStartCompensation}. */
export interface ColdStartInvokeOptions {
  /**
   * Give up once this much waiting is done, counted over the DryRun, the invocation's retries
   * and the log check together. Default 30,000 ms (the seed's `max_wait`).
   */
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
  /** Waiting done between tries, over every step, in ms of the target's clock. */
  readonly waitedMs: number;
}

// Lambda's answers that mean "not yet" rather than "no": the function was just created and is not
// visible yet, is Pending (ResourceConflictException) or Inactive (ResourceNotReadyException)
// while its resources are set up, or every environment is busy.
const NOT_YET = new Set([
  "ResourceNotFoundException",
  "ResourceNotReadyException",
  "ResourceConflictException",
  "TooManyRequestsException",
]);
const notYet = (error: unknown) => error instanceof Error && NOT_YET.has(error.name);

/**
 * The seed's `invoke_with_cold_start_compensation`, without sleeps: a DryRun first (the function
 * exists and the caller may invoke it; like Lambda's, it runs nothing and warms no environment),
 * then the invocation, both retried with back-off while Lambda says "not yet"; then the REPORT
 * line tells whether the call was cold and how long its init took. With `confirmInLogs` it also
 * waits until the invocation's logs show that payload was handled. One deadline covers it all.
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
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pause = options.wait ?? ((ms: number) => target.advance(ms));
  let waitedMs = 0;
  const step = (description: string, retryIf: (error: unknown) => boolean): EventuallyOptions => ({
    timeoutMs: Math.max(0, timeoutMs - waitedMs),
    retryIf,
    description,
    wait: (ms) => {
      waitedMs += ms;
      return pause(ms);
    },
  });
  await eventually(
    () => target.invoke(fn, payload, { invocationType: "DryRun" }),
    step(`a DryRun of ${fn}`, notYet),
  );
  let attempts = 0;
  const result = await eventually(
    () => {
      attempts++;
      return target.invoke(fn, payload);
    },
    step(`invoking ${fn}`, notYet),
  );
  const lines = await eventually(
    () => invocationLogs(target, fn, result.requestId, options.confirmInLogs),
    step(`the logs of ${fn}'s invocation ${result.requestId}`, () => true),
  );
  const initDurationMs = initDuration(lines);
  return {
    ...result,
    cold: initDurationMs !== undefined,
    ...(initDurationMs === undefined ? {} : { initDurationMs }),
    attempts,
    waitedMs,
  };
}

/** The invocation's log lines once its REPORT line (and the confirming text) has arrived. */
async function invocationLogs(
  target: Target,
  fn: string,
  requestId: string,
  confirm: string | undefined,
): Promise<LogEntry[]> {
  const found = await target.logs({ functionName: fn, requestId });
  if (!found.some((l) => l.message.startsWith("REPORT")))
    throw new Error(`no REPORT line for ${requestId} yet`);
  if (confirm !== undefined && !found.some((l) => l.message.includes(confirm)))
    throw new Error(`the logs of ${requestId} do not show "${confirm}" yet`);
  return found;
}

function initDuration(lines: readonly LogEntry[]): number | undefined {
  const report = lines.find((l) => l.message.startsWith("REPORT"));
  const match = report === undefined ? null : /Init Duration: ([\d.]+) ms/.exec(report.message);
  return match === null ? undefined : Number(match[1]);
}

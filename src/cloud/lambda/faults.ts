import { SquallError } from "../../core/errors.ts";
import { faultDurationMs, faultFires } from "../../core/fault-draw.ts";
import type { KernelServices } from "../../core/services.ts";
import { checkFaultKnobs } from "../fault-knobs.ts";
import type { ResolvedFunction } from "./definition.ts";
import type { ThrottleReason } from "./invoker.ts";

/**
 * One function's Lambda faults. Every decision is drawn from the choice stream as
 * `fault.lambda.<kind>.<function>`; a knob left out or 0 draws nothing.
 *
 * @example const faults: LambdaFunctionFaultOptions = { crashAfterSideEffectProbability: 0.05, coldStartMsMax: 8_000 };
 */
export interface LambdaFunctionFaultOptions {
  /**
   * The handler runs to completion (its effects land), then the runtime process is killed before
   * the result is returned: the invocation fails with `Runtime.ExitError` and the environment is
   * gone, so every caller retries as it does after a function error.
   */
  readonly crashAfterSideEffectProbability?: number;
  /**
   * The invocation runs into its timeout. Modelled as a response that never reaches Lambda (a
   * connection left hanging after the handler's last write): the handler's work runs on, and lands
   * if it finishes before the deadline; at the function's timeout the invocation fails with
   * `Sandbox.Timedout`, lasting the full timeout, and the environment is discarded and frozen,
   * exactly as after a real timeout.
   */
  readonly timeoutProbability?: number;
  /**
   * The invocation is refused as if concurrency were exhausted (TooManyRequestsException; the
   * reserved-concurrency reason when the function has a reservation): every caller takes its
   * throttle path (the SDK's retries, the asynchronous queue's back-off, a poller's back-off).
   */
  readonly throttleProbability?: number;
  /** Cold starts' init durations drawn uniformly from [coldStartMsMin, coldStartMsMax] (min default 0). */
  readonly coldStartMsMin?: number;
  /** The top of the cold-start range; 0 or left out keeps the runtime's cold-start model. */
  readonly coldStartMsMax?: number;
}

/**
 * Lambda's faults for every function, with per-function overrides by (physical) function name.
 *
 * @example const faults: LambdaFaultOptions = { throttleProbability: 0.01, functions: { reserveStock: { timeoutProbability: 0.1 } } };
 */
export interface LambdaFaultOptions extends LambdaFunctionFaultOptions {
  /** Knobs of one function, over the knobs above (knob by knob). */
  readonly functions?: Readonly<Record<string, LambdaFunctionFaultOptions>>;
}

/** How a drawn fault ends an admitted invocation. */
export type InvocationFault = "crash" | "timeout" | undefined;

/** What was drawn as an admitted invocation started. */
export interface StartFaults {
  readonly fault: InvocationFault;
  /** A cold start's init duration from the fault's range; undefined: the runtime's model applies. */
  readonly initDurationMs: number | undefined;
}

/** No fault drawn: what an invocation without Lambda faults starts with, at no cost. */
export const NO_START_FAULTS: StartFaults = { fault: undefined, initDurationMs: undefined };

const KNOBS = {
  crashAfterSideEffectProbability: "probability",
  timeoutProbability: "probability",
  throttleProbability: "probability",
  coldStartMsMin: "ms",
  coldStartMsMax: "ms",
} as const;

function checkFunctionFaults(where: string, faults: LambdaFunctionFaultOptions): LambdaFunctionFaultOptions {
  const checked = checkFaultKnobs(where, faults, KNOBS);
  const { coldStartMsMin, coldStartMsMax } = checked;
  if (
    coldStartMsMin !== undefined &&
    coldStartMsMin > 0 &&
    !(coldStartMsMax !== undefined && coldStartMsMax >= coldStartMsMin)
  )
    throw new SquallError(
      `${where} fault coldStartMsMin (${coldStartMsMin}) needs a coldStartMsMax at least as large (got ${String(coldStartMsMax)})`,
    );
  return checked;
}

/**
 * Checks Lambda fault knobs; returns those set. SquallError naming a bad one.
 *
 * @example validateLambdaFaults({ coldStartMsMin: 100, coldStartMsMax: 5_000 })
 */
export function validateLambdaFaults(faults: LambdaFaultOptions): LambdaFaultOptions {
  const checked = checkFunctionFaults("Lambda", faults);
  if (faults.functions === undefined) return checked;
  const functions: Record<string, LambdaFunctionFaultOptions> = {};
  for (const [name, own] of Object.entries(faults.functions))
    functions[name] = checkFunctionFaults(`Lambda function ${name}`, own);
  return { ...checked, functions };
}

/**
 * The knobs one function runs with: its own over the service-wide ones; undefined when none of
 * them is on, so that an invocation without faults costs one check and draws nothing.
 *
 * @example faultsOfFunction({ throttleProbability: 0.1, functions: { f: { throttleProbability: 0 } } }, "f") // undefined
 */
export function faultsOfFunction(
  faults: LambdaFaultOptions,
  functionName: string,
): LambdaFunctionFaultOptions | undefined {
  const { functions, ...common } = faults;
  const own =
    functions !== undefined && Object.hasOwn(functions, functionName) ? functions[functionName] : {};
  const merged: LambdaFunctionFaultOptions = { ...common, ...own };
  const on = Object.values(merged).some((value) => typeof value === "number" && value > 0);
  return on ? merged : undefined;
}

/**
 * The throttle fault, drawn as an invocation asks to be admitted (`fault.lambda.throttle.<fn>`):
 * the reason Lambda gives when the function's concurrency is exhausted, or undefined.
 *
 * @example const reason = throttleFault(kernel, faults, fn) ?? limits.tryAcquire(fn, inFlight);
 */
export function throttleFault(
  kernel: KernelServices,
  faults: LambdaFunctionFaultOptions,
  fn: ResolvedFunction,
): ThrottleReason | undefined {
  if (!faultFires(kernel, "lambda.throttle", faults.throttleProbability, fn.name)) return undefined;
  return fn.reservedConcurrency === undefined
    ? "ConcurrentInvocationLimitExceeded"
    : "ReservedFunctionConcurrentInvocationLimitExceeded";
}

/**
 * The faults of an admitted invocation, decided as it starts, in a fixed order: the crash, then —
 * only if the crash does not fire, as the two exclude each other — the timeout, then, on a cold
 * start, the init duration (`fault.lambda.coldStart.<fn>`, no draw when that fault is off). What
 * ends the invocation first still wins: a crash or timeout drawn for an invocation whose init
 * fails, or whose handler runs past its real timeout, changes nothing (coverage counts it fired).
 *
 * @example const { fault, initDurationMs } = drawStartFaults(kernel, faults, fn.name, !warm);
 */
export function drawStartFaults(
  kernel: KernelServices,
  faults: LambdaFunctionFaultOptions,
  functionName: string,
  coldStart: boolean,
): StartFaults {
  const fault: InvocationFault = faultFires(
    kernel,
    "lambda.crashAfterSideEffect",
    faults.crashAfterSideEffectProbability,
    functionName,
  )
    ? "crash"
    : faultFires(kernel, "lambda.timeout", faults.timeoutProbability, functionName)
      ? "timeout"
      : undefined;
  const maxMs = faults.coldStartMsMax;
  const initDurationMs =
    coldStart && maxMs !== undefined && maxMs > 0
      ? faultDurationMs(kernel, "lambda.coldStart", maxMs, functionName, faults.coldStartMsMin ?? 0)
      : undefined;
  return { fault, initDurationMs };
}

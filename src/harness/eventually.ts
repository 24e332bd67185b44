import { SquallError } from "../core/errors.ts";
import { Sfc32 } from "../core/prng.ts";

/** Options of {@link eventually}. */
export interface EventuallyOptions {
  /** Give up once this much time has passed (on `now`'s clock). Default 30,000 ms. */
  readonly timeoutMs?: number;
  /** The first wait between probes. Default 50 ms. */
  readonly initialDelayMs?: number;
  /**
   * Waits grow by this factor. Default 1.1: the probe that sees a result comes a median ~8% of the
   * time waited after it was ready (`bench/waiting.ts`), at the price of more probes than ×2.
   */
  readonly factor?: number;
  /** No wait longer than this. Default 2,000 ms. */
  readonly maxDelayMs?: number;
  /** Each wait is drawn from [delay × (1 − jitter), delay]. Default 0.2. */
  readonly jitter?: number;
  /**
   * How to wait: a target's `advance` (virtual time on the simulation, a real pause elsewhere).
   * Default: `setTimeout`, which is virtual inside a simulation.
   */
  readonly wait?: (ms: number) => Promise<void>;
  /**
   * The target's clock in ms (`() => target.nowMs()`), so that slow probes count against the
   * deadline too. Default: only the waits count.
   */
  readonly now?: () => number;
  /** Seed of the jitter, so waits are the same run to run. Default 1. */
  readonly seed?: number;
  /** Names the condition in the failure message. */
  readonly description?: string;
  /** Whether an error is worth another try; others are thrown at once. Default: every error. */
  readonly retryIf?: (error: unknown) => boolean;
}

/** One probe that did not pass yet. */
export interface ProbeAttempt {
  readonly attempt: number;
  /** Time since the first probe, in ms: the waits alone, or on `now`'s clock when given. */
  readonly afterMs: number;
  readonly error: string;
}

/** Raised when a probe never passed before the deadline; carries the polling history. */
export class EventuallyTimeoutError extends SquallError {
  override name = "EventuallyTimeoutError";

  constructor(
    message: string,
    readonly attempts: readonly ProbeAttempt[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The defaults, chosen with `bench/waiting.ts`: median overshoot past readiness under 10%. */
const DEFAULTS = { timeoutMs: 30_000, initialDelayMs: 50, factor: 1.1, maxDelayMs: 2_000, jitter: 0.2 };

function settings(options: EventuallyOptions): typeof DEFAULTS {
  const s = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    initialDelayMs: options.initialDelayMs ?? DEFAULTS.initialDelayMs,
    factor: options.factor ?? DEFAULTS.factor,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
    jitter: options.jitter ?? DEFAULTS.jitter,
  };
  if (
    !(s.jitter >= 0 && s.jitter <= 1) ||
    !(s.factor >= 1) ||
    !(s.timeoutMs >= 0) ||
    !(s.initialDelayMs > 0) ||
    !(s.maxDelayMs > 0)
  )
    throw new SquallError(
      `eventually(${options.description ?? "probe"}): jitter must be in [0, 1], factor at least 1, timeoutMs not negative and the delays positive; got ${JSON.stringify(s)}`,
    );
  return s;
}

function timeoutError(
  options: EventuallyOptions,
  timeoutMs: number,
  attempts: readonly ProbeAttempt[],
  last: unknown,
): EventuallyTimeoutError {
  const what = options.description ?? "the probe";
  const history = attempts.map((a) => `  #${a.attempt} after ${a.afterMs} ms: ${a.error}`).join("\n");
  return new EventuallyTimeoutError(
    `${what} did not pass within ${timeoutMs} ms (${attempts.length} attempts); last error: ${describeError(last)}\n${history}`,
    attempts,
    { cause: last },
  );
}

/**
 * Polls `probe` until it returns without throwing, waiting between attempts with exponential
 * back-off and jitter — never a fixed sleep. Waits happen on the target's clock, so inside the
 * simulation they cost no wall time. A last probe runs exactly at the deadline, so a result ready
 * by then is never missed. Resolves with the probe's value; on timeout throws
 * {@link EventuallyTimeoutError} with the last error and every attempt.
 *
 * @example
 * const item = await eventually(async () => {
 *   const found = await target.getItem("Reservations", { reservationId: "o-1" });
 *   if (found === undefined) throw new Error("no reservation for o-1 yet");
 *   return found;
 * }, { wait: (ms) => target.advance(ms) });
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs, initialDelayMs, factor, maxDelayMs, jitter } = settings(options);
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now;
  const startMs = now?.() ?? 0;
  const rng = new Sfc32(options.seed ?? 1);
  const attempts: ProbeAttempt[] = [];
  let delayMs = initialDelayMs;
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await probe();
    } catch (error) {
      if (options.retryIf !== undefined && !options.retryIf(error)) throw error;
      const elapsedMs = now === undefined ? waitedMs : now() - startMs;
      attempts.push({ attempt, afterMs: elapsedMs, error: describeError(error) });
      const remainingMs = timeoutMs - elapsedMs;
      if (remainingMs <= 0) throw timeoutError(options, timeoutMs, attempts, error);
      const drawn = Math.round(delayMs * (1 - jitter * (rng.nextInt(1_000_001) / 1_000_000)));
      const stepMs = Math.max(1, Math.min(drawn, remainingMs));
      await wait(stepMs);
      waitedMs += stepMs;
      delayMs = Math.min(maxDelayMs, delayMs * factor);
    }
  }
}

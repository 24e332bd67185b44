import { SquallError } from "../core/errors.ts";
import { Sfc32 } from "../core/prng.ts";

/** Options of {@link eventually}. */
export interface EventuallyOptions {
  /** Give up after this much waiting (on the target's clock). Default 30,000 ms. */
  readonly timeoutMs?: number;
  /** The first wait between probes. Default 50 ms. */
  readonly initialDelayMs?: number;
  /** Waits grow by this factor. Default 2. */
  readonly factor?: number;
  /** No wait longer than this. Default 5,000 ms. */
  readonly maxDelayMs?: number;
  /** Each wait is drawn from [delay × (1 − jitter), delay]. Default 0.2. */
  readonly jitter?: number;
  /**
   * How to wait: a target's `advance` (virtual time on the simulation, a real pause elsewhere).
   * Default: `setTimeout`, which is virtual inside a simulation.
   */
  readonly wait?: (ms: number) => Promise<void>;
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
  /** Waiting done before this probe, in ms. */
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

/**
 * Polls `probe` until it returns without throwing, waiting between attempts with exponential
 * back-off and jitter — never a fixed sleep. Waits happen on the target's clock, so inside the
 * simulation they cost no wall time. Resolves with the probe's value; on timeout throws
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
  const timeoutMs = options.timeoutMs ?? 30_000;
  const factor = options.factor ?? 2;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const jitter = options.jitter ?? 0.2;
  if (!(jitter >= 0 && jitter <= 1) || !(factor >= 1) || !(timeoutMs >= 0))
    throw new SquallError(
      "eventually: jitter must be in [0, 1], factor at least 1 and timeoutMs not negative",
    );
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rng = new Sfc32(options.seed ?? 1);
  const attempts: ProbeAttempt[] = [];
  let delayMs = options.initialDelayMs ?? 50;
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await probe();
    } catch (error) {
      if (options.retryIf !== undefined && !options.retryIf(error)) throw error;
      attempts.push({ attempt, afterMs: waitedMs, error: describeError(error) });
      const remainingMs = timeoutMs - waitedMs;
      if (remainingMs <= 0) {
        const what = options.description ?? "the probe";
        const history = attempts.map((a) => `  #${a.attempt} after ${a.afterMs} ms: ${a.error}`).join("\n");
        throw new EventuallyTimeoutError(
          `${what} did not pass within ${timeoutMs} ms (${attempts.length} attempts); last error: ${describeError(error)}\n${history}`,
          attempts,
          { cause: error },
        );
      }
      const drawn = Math.round(delayMs * (1 - jitter * (rng.nextInt(1_000_001) / 1_000_000)));
      const stepMs = Math.max(1, Math.min(drawn, remainingMs));
      await wait(stepMs);
      waitedMs += stepMs;
      delayMs = Math.min(maxDelayMs, delayMs * factor);
    }
  }
}

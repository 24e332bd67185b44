/**
 * The real time and timer functions, captured when Squall loads, before any virtualisation is
 * installed. Squall's own machinery (the run loop's drain, the wall-clock side of `local` and
 * `aws` targets) uses these; simulated code never sees them.
 */
export const real = Object.freeze({
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  Date: globalThis.Date,
  dateNow: globalThis.Date.now,
  mathRandom: Math.random,
  performanceNow: globalThis.performance.now.bind(globalThis.performance),
});

/** Resolves after every microtask queued so far, and every one those queue, has run. */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => withOwnRealTimer(() => real.setImmediate(resolve)));
}

let ownTimers = 0;

/**
 * Runs Squall's own use of a real timer (the run loop's turn of the event loop), which the escape
 * guard must not report even when the loop is driven from inside a simulation's context.
 *
 * @example withOwnRealTimer(() => real.setTimeout(tick, 10));
 */
export function withOwnRealTimer<T>(fn: () => T): T {
  ownTimers++;
  try {
    return fn();
  } finally {
    ownTimers--;
  }
}

/** Whether the timer being created is Squall's own (see {@link withOwnRealTimer}). */
export function creatingOwnRealTimer(): boolean {
  return ownTimers > 0;
}

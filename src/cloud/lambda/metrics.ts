/**
 * Counters of one function, for reports and assertions.
 *
 * @example
 * expect(lambda.metrics("reserveStock").coldStarts).toBe(1);
 */
export interface FunctionMetrics {
  /** Invocations that ran (admitted, whatever their outcome). */
  invocations: number;
  coldStarts: number;
  /** Invocations that ended in a function error, timeouts included. */
  errors: number;
  /** Invocations refused for concurrency. */
  throttles: number;
  timeouts: number;
  /** Asynchronous invocations retried after a function error. */
  asyncRetries: number;
  /** Asynchronous events given up (sent to a destination or DLQ, or dropped without one). */
  asyncFailures: number;
}

/**
 * All counters at zero.
 *
 * @example
 * const metrics = emptyMetrics();
 * metrics.coldStarts++;
 */
export function emptyMetrics(): FunctionMetrics {
  return {
    invocations: 0,
    coldStarts: 0,
    errors: 0,
    throttles: 0,
    timeouts: 0,
    asyncRetries: 0,
    asyncFailures: 0,
  };
}

/**
 * What one event source mapping has done so far, for the simulation's summary and for tests.
 *
 * @example
 * expect(mapping.counters).toMatchObject({ batches: 3, failedBatches: 1 });
 */
export interface MappingCounters {
  /** Invocations made with a batch (each retry counts again). */
  batches: number;
  /** Batches that failed as a whole: function error, timeout, or an invalid partial response. */
  failedBatches: number;
  /** Batches reported as partially failed through `batchItemFailures`. */
  partialFailures: number;
  /** Stream batches invoked again after a failure (bisected halves included). */
  retries: number;
  /** Invocations refused for concurrency (TooManyRequestsException). */
  throttles: number;
  /** Stream records given up and reported to the on-failure destination (or dropped without one). */
  recordsDiscarded: number;
  /** Invocation records sent to the on-failure destination. */
  recordsToDestination: number;
}

/**
 * Fresh counters, all zero.
 *
 * @example
 * readonly counters = emptyCounters();
 */
export function emptyCounters(): MappingCounters {
  return {
    batches: 0,
    failedBatches: 0,
    partialFailures: 0,
    retries: 0,
    throttles: 0,
    recordsDiscarded: 0,
    recordsToDestination: 0,
  };
}

/**
 * A promise resolved after `delayMs` of virtual time. Foreground by default: the simulation stays
 * busy until it resolves, which is what a poller holding work (messages, a failed batch) needs.
 *
 * @example
 * await sleep(kernel, 1000, "lambda.esm.backoff");
 */
export function sleep(
  kernel: {
    schedule(
      delayMs: number,
      label: string,
      action: () => void,
      options?: { background?: boolean },
    ): () => void;
  },
  delayMs: number,
  label: string,
  background = false,
): Promise<void> {
  return new Promise((resolve) => kernel.schedule(delayMs, label, resolve, { background }));
}

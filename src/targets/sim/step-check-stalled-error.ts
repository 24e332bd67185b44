import { SquallError } from "../../core/errors.ts";

/**
 * Raised when an invariant's step check does not settle at once: it waits on something other
 * than the read-only target's reads (a timer, real I/O, a promise nobody resolves), which the
 * run loop, stopped between two steps, cannot wait for.
 *
 * @example
 * if (result.error?.startsWith("StepCheckStalledError")) console.log("a step check awaited real work");
 */
export class StepCheckStalledError extends SquallError {
  override name = "StepCheckStalledError";

  constructor(invariants: readonly string[], step: number) {
    super(
      `the step check of ${invariants.map((n) => `"${n}"`).join(", ")} after step ${step} did not settle once ` +
        "every pending microtask ran: a step check may await only the read-only target's reads. " +
        "Remove the timer or I/O from the check, or drop checkEveryStep to check it only at the end.",
    );
  }
}

import { SquallError } from "../../core/errors.ts";

/**
 * Raised when an invariant's step check, or a `sometimes` state, does not settle at once: it waits
 * on something other than the read-only target's reads. Both run inside the simulation with its
 * run loop held still, so a timer, a sleep or an SDK call they await would wait on a virtual clock
 * that does not move, and real I/O or a promise nobody resolves would hang the run or make it vary.
 *
 * @example
 * if (result.error?.startsWith("StepCheckStalledError")) console.log("a step check awaited a timer or I/O");
 */
export class StepCheckStalledError extends SquallError {
  override name = "StepCheckStalledError";

  /**
   * `names` are the invariants whose step check still waits after step `at`, or (`at` is
   * `"sometimes"`) the sometimes states that still wait at the end of the run.
   */
  constructor(names: readonly string[], at: number | "sometimes") {
    const quoted = names.map((n) => `"${n}"`).join(", ");
    const why =
      "did not settle once every pending microtask ran: it runs inside the simulation, whose virtual clock " +
      "does not move while it runs, so a timer, a sleep or an SDK call it awaits never completes.";
    super(
      at !== "sometimes"
        ? `the step check of ${quoted} after step ${at} ${why} A step check may await only the read-only ` +
            "target's reads: remove the timer, sleep, SDK call or other I/O from the check, or drop " +
            "checkEveryStep to check it only at the end, where it may wait on virtual time."
        : `sometimes state ${quoted} ${why} A sometimes state may await only its read-only target's reads: ` +
            "remove the timer, sleep, SDK call or other I/O from it.",
    );
  }
}

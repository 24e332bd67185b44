import { SquallError } from "../../core/errors.ts";

/**
 * Raised when an invariant's step check tries to act on the system (send, publish, put, invoke,
 * settle, advance): a check between steps only reads, or it would change the run it checks.
 *
 * @example
 * try { await view.putItem("Stock", item); } catch (e) { if (e instanceof StepCheckRefusedError) … }
 */
export class StepCheckRefusedError extends SquallError {
  override name = "StepCheckRefusedError";

  constructor(operation: string, invariant: string) {
    super(
      `${operation} in the step check of invariant "${invariant}": a check between steps may only read ` +
        "(getItem, scan, tableChanges, logs, hops, stats, nowMs), since acting would change the run it checks. " +
        "Do it in the scenario, or drop checkEveryStep to check this invariant only at the end.",
    );
  }
}

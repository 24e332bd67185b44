import { SquallError } from "../../core/errors.ts";

/**
 * Raised when an invariant's step check, or a `sometimes` state, tries to act on the system (send,
 * publish, put, invoke, settle, advance): they only read, or they would change the run they check.
 *
 * @example
 * try { await view.putItem("Stock", item); } catch (e) { if (e instanceof StepCheckRefusedError) … }
 */
export class StepCheckRefusedError extends SquallError {
  override name = "StepCheckRefusedError";

  constructor(operation: string, name: string, kind: "invariant" | "sometimes" = "invariant") {
    super(
      kind === "invariant"
        ? `${operation} in the step check of invariant "${name}": a check between steps may only read ` +
            "(getItem, scan, tableChanges, logs, hops, stats, nowMs), since acting would change the run it checks. " +
            "Do it in the scenario, or drop checkEveryStep to check this invariant only at the end."
        : `${operation} in sometimes state "${name}": it may only read (getItem, scan, tableChanges, logs, ` +
            "hops, stats, nowMs), since it must leave the run as it was. Do it in the scenario.",
    );
  }
}

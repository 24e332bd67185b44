import { SquallError } from "../core/errors.ts";

/**
 * A fault plan that cannot be applied: an unknown knob (a fault Squall does not model), a
 * probability outside [0, 1], a negative duration. The message names the path and the fix.
 *
 * @example new FaultPlanError("faults.sqs.duplicateDeliveryProbability", "must be a number in [0, 1], got 1.5")
 */
export class FaultPlanError extends SquallError {
  override name = "FaultPlanError";

  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

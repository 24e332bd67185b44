import { SquallError } from "../core/errors.ts";

/**
 * Raised when a choreography flow cannot be read: an empty step, an unknown cardinality, or one
 * hop declared twice with different cardinalities. The message quotes the flow and says the fix.
 *
 * @example
 * parseFlow("Orders → → reserveStock"); // throws ChoreographyFlowError: step 2 is empty
 */
export class ChoreographyFlowError extends SquallError {
  override name = "ChoreographyFlowError";
}

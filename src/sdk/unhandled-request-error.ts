import { SquallError } from "../core/errors.ts";

/**
 * Raised when code inside a simulation calls an AWS service that the simulation does not
 * simulate, under the default `onUnhandledRequest: "error"` policy.
 *
 * @example
 * // DynamoDB.PutItem was called inside simulation (seed 7), but DynamoDB is not simulated …
 * if (error instanceof UnhandledSdkRequestError) console.error(error.message);
 */
export class UnhandledSdkRequestError extends SquallError {
  override name = "UnhandledSdkRequestError";
}

import { SquallError } from "../core/errors.ts";

/**
 * Per-worker isolation cannot be set up: an invalid `SQUALL_STACK_PREFIX`, a physical name that
 * would break a service's naming rule, two resources claiming one environment variable, or a
 * setup file used without Squall's global setup. The message names the culprit and the fix.
 *
 * @example
 * throw new IsolationError('SQUALL_STACK_PREFIX "a/b" may only use letters, digits, "-" and "_"');
 */
export class IsolationError extends SquallError {
  override name = "IsolationError";
}

import { SquallError } from "./errors.ts";

/**
 * Raised when a selector factory gets options it cannot work with, such as a PCT bug depth
 * that is not a positive integer. The message names the selector, the option and a valid value.
 *
 * @example
 * try { pctSelector({ depth: 0, maxSteps: 100 }) } catch (e) { if (e instanceof SelectorOptionsError) console.error(e.message) }
 */
export class SelectorOptionsError extends SquallError {
  override name = "SelectorOptionsError";
}

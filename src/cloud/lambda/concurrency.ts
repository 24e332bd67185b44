import { SquallError } from "../../core/errors.ts";
import type { ResolvedFunction } from "./definition.ts";
import type { ThrottleReason } from "./invoker.ts";

/**
 * Lambda's concurrency limits: a function with reserved concurrency runs at most that many
 * invocations at once; every other function shares what is left of the account limit.
 *
 * @example
 * const limits = new ConcurrencyLimits(1000, functions);
 * const reason = limits.tryAcquire(fn, inFlight); // undefined: admitted
 */
export class ConcurrencyLimits {
  /** The pool the functions without a reservation share. */
  readonly unreservedLimit: number;
  private unreservedInUse = 0;

  constructor(
    readonly accountLimit: number,
    functions: readonly ResolvedFunction[],
  ) {
    if (!Number.isInteger(accountLimit) || accountLimit < 1) {
      throw new SquallError(
        `Lambda account concurrency limit ${accountLimit} is invalid: use a whole number ≥ 1`,
      );
    }
    const reserved = functions.reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0);
    // AWS keeps 100 of the account's concurrency unreserved; scaled down for the small limits tests use.
    const keepUnreserved = Math.min(100, Math.floor(accountLimit / 10));
    if (reserved > accountLimit - keepUnreserved) {
      throw new SquallError(
        `Lambda functions reserve ${reserved} concurrent executions, but the account limit ${accountLimit} ` +
          `must keep ${keepUnreserved} unreserved: lower reservedConcurrency or raise the account limit`,
      );
    }
    this.unreservedLimit = accountLimit - reserved;
  }

  /**
   * Admits one more invocation of `fn` (which has `inFlight` running now), or says why not.
   * Every admission must be followed by one {@link release}.
   */
  tryAcquire(fn: ResolvedFunction, inFlight: number): ThrottleReason | undefined {
    if (fn.reservedConcurrency !== undefined) {
      return inFlight < fn.reservedConcurrency
        ? undefined
        : "ReservedFunctionConcurrentInvocationLimitExceeded";
    }
    if (this.unreservedInUse >= this.unreservedLimit) return "ConcurrentInvocationLimitExceeded";
    this.unreservedInUse++;
    return undefined;
  }

  release(fn: ResolvedFunction): void {
    if (fn.reservedConcurrency === undefined) this.unreservedInUse--;
  }
}

import { SquallError } from "../core/errors.ts";
import type { InvokeResult } from "../targets/target.ts";
import type { IdempotencyMode } from "./idempotency-types.ts";

/** What went wrong: a second effect, no effect at all, a different response, a duplicate never accepted, or the cache. */
export type IdempotencyViolation =
  | "second-effect"
  | "no-effect"
  | "key-in-use"
  | "different-response"
  | "never-accepted"
  | "cache";

/** The facts behind an {@link IdempotencyAssertionError}, for tools that report it. */
export interface IdempotencyFailure {
  readonly violation: IdempotencyViolation;
  readonly function: string;
  readonly mode?: IdempotencyMode;
  readonly key?: string;
  /** The attempts (1-based) that caused it; several for a concurrent round. */
  readonly attempts?: readonly number[];
  readonly effectsBefore?: number;
  readonly effectsAfter?: number;
  /** The first attempt's response and the offending one. */
  readonly first?: InvokeResult;
  readonly offending?: InvokeResult;
}

/**
 * Raised by {@link assertIdempotent} when redelivering an event was not harmless: it made a
 * second side effect, answered differently from the first time, was never accepted, or the
 * cached result carries no expiry. The message names the mode and the attempt, and shows the
 * first and the offending responses side by side.
 *
 * @example
 * try { await assertIdempotent(target, options) } catch (e) { if (e instanceof IdempotencyAssertionError) console.log(e.failure.attempts) }
 */
export class IdempotencyAssertionError extends SquallError {
  override name = "IdempotencyAssertionError";

  constructor(
    message: string,
    readonly failure: IdempotencyFailure,
  ) {
    super(message);
  }
}

import { SquallError } from "../core/errors.ts";
import type { OrderingPolicy, OrderingState } from "./ordering-types.ts";

/** The facts behind an {@link OrderingAssertionError}, for tools that report it. */
export interface OrderingFailure {
  readonly policy: OrderingPolicy;
  /** What received the events: the function's name, or `deliver`. */
  readonly target: string;
  /** The first failing delivery order, as sequence numbers. */
  readonly order: readonly number[];
  /** Its trial's key and final state. */
  readonly key: string;
  readonly state: OrderingState;
  /** What was wrong with it, in words. */
  readonly problem: string;
  /** Every delivery order that failed (the first one included). */
  readonly failingOrders: readonly (readonly number[])[];
  readonly triedOrders: number;
}

/**
 * Raised by {@link assertOrdering} when some delivery order broke the declared policy. The
 * message names the order, e.g. `delivered #2 before #1 (sent order #1, #2): final state has
 * sequence 1, expected 2`, and lists the other orders that broke it.
 *
 * @example
 * try { await assertOrdering(target, options) } catch (e) { if (e instanceof OrderingAssertionError) console.log(e.failure.order) }
 */
export class OrderingAssertionError extends SquallError {
  override name = "OrderingAssertionError";

  constructor(
    message: string,
    readonly failure: OrderingFailure,
  ) {
    super(message);
  }
}

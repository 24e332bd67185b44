import path from "node:path";
import { expect } from "vitest";
import { SquallError } from "../core/errors.ts";
import { type ChoreographyOptions, expectChoreography } from "../harness/choreography.ts";
import type { Flow, FlowChain } from "../harness/choreography-flow.ts";
import { type CheckCorrelationOptions, expectCorrelation } from "../harness/correlation.ts";
import { assertIdempotent } from "../harness/idempotency.ts";
import type { AssertIdempotentOptions } from "../harness/idempotency-types.ts";
import { assertOrdering } from "../harness/ordering.ts";
import type { AssertOrderingOptions } from "../harness/ordering-types.ts";
import type { TestIdentity } from "../harness/test-identity.ts";
import type { Hop, Target } from "../targets/target.ts";

/** Options of `toBeIdempotent`: those of assertIdempotent, with the test's identity filled in. */
export type IdempotentMatcherOptions = Omit<AssertIdempotentOptions, "testId"> & { testId?: TestIdentity };
/** Options of `toKeepOrder`: those of assertOrdering, with the test's identity filled in. */
export type OrderingMatcherOptions<E> = Omit<AssertOrderingOptions<E>, "testId"> & { testId?: TestIdentity };

declare module "vitest" {
  interface Assertion<T> {
    /** `await expect(target).toBeIdempotent({ function, event, effects })`: see assertIdempotent. */
    toBeIdempotent(options: IdempotentMatcherOptions): Promise<void>;
    /** `await expect(target).toKeepOrder({ function, events, state, policy })`: see assertOrdering. */
    toKeepOrder<E>(options: OrderingMatcherOptions<E>): Promise<void>;
    /** `await expect(target).toFollowChoreography("Orders → reserveStock → …")`: see expectChoreography. */
    toFollowChoreography(flow: Flow | FlowChain, options?: ChoreographyOptions): Promise<void>;
    /** `await expect(target).toKeepCorrelationIds()`: every hop passed on the id it received. */
    toKeepCorrelationIds(options?: CheckCorrelationOptions): Promise<void>;
  }
}

// The running test, as the idempotency key and the ordering seed are derived from it.
function currentTest(): TestIdentity {
  const state = expect.getState();
  const file = state.testPath === undefined ? "unknown" : path.relative(process.cwd(), state.testPath);
  return { file, name: state.currentTestName ?? "unknown" };
}

// A Squall assertion error becomes a failed matcher with its message; a usage mistake (another
// SquallError, say a misspelt function) is thrown as it is, so it is not mistaken for a verdict.
async function verdict(
  isNot: boolean,
  name: string,
  check: () => Promise<unknown>,
  failure: (e: unknown) => boolean,
) {
  if (isNot)
    throw new SquallError(
      `expect(...).not.${name}() is not supported: assert the failure with rejects instead`,
    );
  try {
    await check();
    return { pass: true, message: () => `${name}: passed` };
  } catch (error) {
    if (failure(error)) return { pass: false, message: () => (error as Error).message };
    throw error;
  }
}

const named =
  (...names: string[]) =>
  (error: unknown) =>
    error instanceof Error && names.includes(error.name);

const isTarget = (value: unknown): value is Target =>
  typeof value === "object" && value !== null && typeof (value as Target).hops === "function";

function targetOf(received: unknown, matcher: string): Target {
  if (!isTarget(received))
    throw new SquallError(`${matcher}: expect() needs a Squall target (the test's cloud)`);
  return received;
}

function hopsSource(received: unknown, matcher: string): Target | readonly Hop[] {
  if (Array.isArray(received) || isTarget(received)) return received as Target | readonly Hop[];
  throw new SquallError(`${matcher}: expect() needs a Squall target or the hops it returned`);
}

expect.extend({
  toBeIdempotent(received: unknown, options: IdempotentMatcherOptions) {
    return verdict(
      this.isNot ?? false,
      "toBeIdempotent",
      () => assertIdempotent(targetOf(received, "toBeIdempotent"), { testId: currentTest(), ...options }),
      named("IdempotencyAssertionError"),
    );
  },
  toKeepOrder(received: unknown, options: OrderingMatcherOptions<unknown>) {
    return verdict(
      this.isNot ?? false,
      "toKeepOrder",
      () => assertOrdering(targetOf(received, "toKeepOrder"), { testId: currentTest(), ...options }),
      named("OrderingAssertionError"),
    );
  },
  toFollowChoreography(received: unknown, flow: Flow | FlowChain, options?: ChoreographyOptions) {
    return verdict(
      this.isNot ?? false,
      "toFollowChoreography",
      () => expectChoreography(hopsSource(received, "toFollowChoreography"), flow, options),
      named("ChoreographyError"),
    );
  },
  toKeepCorrelationIds(received: unknown, options?: CheckCorrelationOptions) {
    return verdict(
      this.isNot ?? false,
      "toKeepCorrelationIds",
      () => expectCorrelation(hopsSource(received, "toKeepCorrelationIds"), options),
      named("CorrelationError"),
    );
  },
});

/** The names of the matchers `squall/vitest` adds to `expect` when imported. */
export const SQUALL_MATCHERS = [
  "toBeIdempotent",
  "toKeepOrder",
  "toFollowChoreography",
  "toKeepCorrelationIds",
] as const;

import { SquallError } from "../core/errors.ts";
import type { InvokeResult } from "../targets/target.ts";
import type { OrderingPolicy, OrderingState } from "./ordering-types.ts";

/** One delivery of a trial: which event, and the invocation's result when there was one. */
export interface Delivered {
  readonly sequence: number;
  readonly result: InvokeResult | undefined;
  readonly rejected: boolean;
}

const list = (sequences: readonly number[]) => sequences.map((s) => `#${s}`).join(", ");

/**
 * A delivery order in words: `delivered #2 before #1 (sent order #1, #2)` for two events,
 * `delivered #3, #1, #2 (sent order #1, #2, #3)` for more.
 *
 * @example
 * describeOrder([2, 1]); // "delivered #2 before #1 (sent order #1, #2)"
 */
export function describeOrder(order: readonly number[]): string {
  const sent = [...order].sort((a, b) => a - b);
  const delivered = order.length === 2 ? `#${order[0]} before #${order[1]}` : list(order);
  return `delivered ${delivered} (sent order ${list(sent)})`;
}

/** Default rejection test: a function error, or a non-empty partial batch response. */
export function rejectedByDefault(result: InvokeResult): boolean {
  if (result.error !== undefined) return true;
  const failures = (result.payload as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  return Array.isArray(failures) && failures.length > 0;
}

const shown = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

function checkShape(policy: OrderingPolicy, state: OrderingState): void {
  const ok =
    state === undefined ||
    (typeof state === "number" && Number.isFinite(state)) ||
    (Array.isArray(state) && state.every((s) => typeof s === "number"));
  if (!ok)
    throw new SquallError(
      `assertOrdering: the state probe returned ${shown(state)}; it must return the sequence number the state reflects, or the sequence numbers applied in order (or undefined when nothing was applied)`,
    );
  if (policy === "park" && !Array.isArray(state) && state !== undefined)
    throw new SquallError(
      'assertOrdering: policy "park" needs the state probe to return the sequence numbers applied, in the order they took effect (e.g. [1, 2, 3]); a single number cannot show whether a parked event was applied later',
    );
}

/**
 * What broke the policy in one trial, in words, or `undefined` when it held. The state must
 * never go back to an older sequence number; then, per policy, the final state reflects the
 * highest one (`latest-wins`), stale deliveries were rejected (`reject-out-of-order`), or every
 * event was applied in sequence order (`park`).
 */
export function policyProblem(
  policy: OrderingPolicy,
  state: OrderingState,
  delivered: readonly Delivered[],
): string | undefined {
  checkShape(policy, state);
  const n = delivered.length;
  const history = Array.isArray(state) ? (state as readonly number[]) : undefined;
  const final = history === undefined ? (state as number | undefined) : history.at(-1);
  if (policy === "park") {
    const expected = Array.from({ length: n }, (_, i) => i + 1);
    if (history?.join(",") === expected.join(",")) return undefined;
    return `sequences applied ${history?.length ? history.join(", ") : "none"}, expected ${expected.join(", ")} (an early event parked until the gap before it filled)`;
  }
  const back = history?.findIndex((s, i) => i > 0 && s <= (history[i - 1] as number)) ?? -1;
  if (history !== undefined && back > 0)
    return `sequences applied ${history.join(", ")}: #${history[back]} took effect after #${history[back - 1]}, so the state went back to an older event`;
  if (policy === "reject-out-of-order") {
    let highest = 0;
    for (const d of delivered) {
      if (d.sequence < highest && d.result !== undefined && !d.rejected)
        return `#${d.sequence} arrived after #${highest} and was accepted (it answered ${shown(d.result.payload)}), expected it rejected`;
      highest = Math.max(highest, d.sequence);
    }
  }
  if (final !== n) return `final state has sequence ${final ?? "none"}, expected ${n}`;
  return undefined;
}

import { SquallError } from "../core/errors.ts";
import { Sfc32 } from "../core/prng.ts";

/** Above this many permutations, `orders: "all"` is refused. */
export const MAX_ALL_ORDERS = 720;
const DEFAULT_ORDERS = 24;

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

function allPermutations(n: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((x, i) => {
      walk([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]);
    });
  };
  walk(
    [],
    Array.from({ length: n }, (_, i) => i + 1),
  );
  return out;
}

function shuffled(n: number, rng: Sfc32): number[] {
  const order = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/**
 * The delivery orders to try for `n` events, as sequence numbers: every permutation (the sent
 * order first), or `count` distinct ones drawn with the seeded PRNG, the reversed order first
 * because it puts every event out of order.
 *
 * @example
 * deliveryOrders(2, "all", 1).orders; // [[1, 2], [2, 1]]
 */
export function deliveryOrders(
  n: number,
  spec: "all" | number | undefined,
  seed: number,
): { orders: number[][]; sampled: boolean } {
  if (!Number.isSafeInteger(n) || n < 2)
    throw new SquallError(`assertOrdering: events must build at least 2 events to reorder, got ${n}`);
  const total = factorial(n);
  if (spec === "all" && total > MAX_ALL_ORDERS)
    throw new SquallError(
      `assertOrdering: ${n} events have ${total} delivery orders, more than ${MAX_ALL_ORDERS} to try one by one; pass orders: <count> to sample that many`,
    );
  if (spec !== undefined && spec !== "all" && (!Number.isSafeInteger(spec) || spec < 1))
    throw new SquallError(
      `assertOrdering: orders must be "all" or a whole number of at least 1, got ${spec}`,
    );
  const count = spec === "all" ? total : Math.min(total, spec ?? DEFAULT_ORDERS);
  if (count === total) return { orders: allPermutations(n), sampled: false };
  const reversed = Array.from({ length: n }, (_, i) => n - i);
  const seen = new Set([reversed.join(",")]);
  const orders = [reversed];
  const rng = new Sfc32(seed);
  while (orders.length < count) {
    const order = shuffled(n, rng);
    if (seen.has(order.join(","))) continue;
    seen.add(order.join(","));
    orders.push(order);
  }
  return { orders, sampled: true };
}

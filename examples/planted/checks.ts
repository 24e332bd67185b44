import type { DocumentItem } from "../../src/public/index.ts";

/**
 * Items grouped by the value of one attribute, in scan order: what most invariants of the planted
 * apps start from ("every payment charged once", "every wallet's deposits").
 *
 * @example groupBy(await target.scan("Charges"), "paymentId").get("p-1")?.length // 1
 */
export function groupBy(items: readonly DocumentItem[], key: string): Map<unknown, DocumentItem[]> {
  const groups = new Map<unknown, DocumentItem[]>();
  for (const item of items) {
    const group = groups.get(item[key]);
    if (group === undefined) groups.set(item[key], [item]);
    else group.push(item);
  }
  return groups;
}

/**
 * The sum of a numeric attribute over items (missing or non-numeric values count 0).
 *
 * @example sumOf([{ seats: 2 }, { seats: 1 }], "seats") // 3
 */
export function sumOf(items: readonly DocumentItem[], key: string): number {
  return items.reduce((sum, item) => sum + (typeof item[key] === "number" ? item[key] : 0), 0);
}

/**
 * A size drawn from the scenario's seeded `Math.random`, from 1 to `max`: shrinking lowers the
 * draw towards 0, which is the smallest story (one event).
 *
 * @example const orders = drawCount(20);
 */
export function drawCount(max: number): number {
  return 1 + Math.floor(Math.random() * max);
}

/**
 * True for about `probability` of the draws, and false when the draw is shrunk to 0: a planted
 * scenario's rare event (a client retry, a malformed message) that shrinking can take away.
 *
 * @example if (drawRare(0.2)) await resend(order);
 */
export function drawRare(probability: number): boolean {
  return Math.random() >= 1 - probability;
}

import type { Item } from "./values.ts";
import { itemSizeBytes } from "./values.ts";

/**
 * {@link itemSizeBytes} of an item that may be absent (absent: 0 bytes). Not remembered per item:
 * measuring a typical item costs less than a WeakMap entry for every item ever written.
 *
 * @example sizeOf(undefined) // 0
 */
export function sizeOf(item: Item | undefined): number {
  return item === undefined ? 0 : itemSizeBytes(item);
}

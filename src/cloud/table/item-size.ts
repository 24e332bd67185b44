import type { Item } from "./values.ts";
import { itemSizeBytes } from "./values.ts";

const sizes = new WeakMap<Item, number>();

/**
 * {@link itemSizeBytes}, remembered per item object. The engine never mutates an item once built,
 * so a size computed once stays right; a write asks for the same item's size several times (limit
 * check, capacity, table size), and measuring UTF-8 lengths is the costly part.
 *
 * @example sizeOf(item) === itemSizeBytes(item) // true
 */
export function sizeOf(item: Item | undefined): number {
  if (item === undefined) return 0;
  let size = sizes.get(item);
  if (size === undefined) {
    size = itemSizeBytes(item);
    sizes.set(item, size);
  }
  return size;
}

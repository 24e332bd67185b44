import type { AttributeValue, Item } from "../values.ts";
import { type DocumentPath, valueAtPath } from "./document-path.ts";

/** Where a path's last step lives: a map (or the item) and a key, or a list and an index. */
export type Slot =
  | { readonly map: Record<string, AttributeValue>; readonly key: string }
  | { readonly list: AttributeValue[]; readonly index: number };

/**
 * Why a path names no slot: its parent is missing, is a list or map of the other kind, or is a
 * scalar. DynamoDB reports these at different moments (see update-apply.ts).
 */
export type SlotProblem = "missing parent" | "wrong container" | "scalar parent";

/**
 * The slot a path names inside `item`, or the reason it names none.
 *
 * @example slotOf({ m: { M: {} } }, ["m", "k"]) // { map: {}, key: "k" }
 */
export function slotOf(item: Item, path: DocumentPath): Slot | SlotProblem {
  const last = path[path.length - 1] as string | number;
  if (path.length === 1) return { map: item, key: last as string };
  const parent = valueAtPath(item, path.slice(0, -1));
  if (parent === undefined) return "missing parent";
  if (typeof last === "number") {
    if ("L" in parent) return { list: parent.L, index: last };
    return "M" in parent ? "wrong container" : "scalar parent";
  }
  if ("M" in parent) return { map: parent.M, key: last };
  return "L" in parent ? "wrong container" : "scalar parent";
}

/**
 * The value in a slot, if any.
 *
 * @example read({ map: { a: { N: "1" } }, key: "a" }) // { N: "1" }
 */
export function read(slot: Slot): AttributeValue | undefined {
  if ("list" in slot) return slot.list[slot.index];
  return Object.hasOwn(slot.map, slot.key) ? slot.map[slot.key] : undefined;
}

/**
 * Writes a value into a slot; a list index past the end appends.
 *
 * @example write({ list: [], index: 5 }, { N: "1" }) // appends
 */
export function write(slot: Slot, value: AttributeValue): void {
  if ("map" in slot) slot.map[slot.key] = value;
  else if (slot.index < slot.list.length) slot.list[slot.index] = value;
  else slot.list.push(value);
}

/**
 * Writes in place first, then appends in index order, then removals (highest index first).
 *
 * @example writeAll([slot], [{ write: { N: "1" } }])
 */
export function writeAll(slots: readonly Slot[], outcomes: readonly Outcome[]): void {
  const appends: { slot: Slot & { index: number }; value: AttributeValue }[] = [];
  const removals: Slot[] = [];
  slots.forEach((slot, i) => {
    const result = outcomes[i] as Outcome;
    if (result === "nothing") return;
    if (result === "remove") removals.push(slot);
    else if ("list" in slot && slot.index >= slot.list.length) appends.push({ slot, value: result.write });
    else write(slot, result.write);
  });
  appends.sort((a, b) => a.slot.index - b.slot.index);
  for (const { slot, value } of appends) write(slot, value);
  const fromLists: { list: AttributeValue[]; index: number }[] = [];
  for (const slot of removals) {
    if ("map" in slot) delete slot.map[slot.key];
    else fromLists.push(slot);
  }
  fromLists.sort((a, b) => b.index - a.index);
  for (const { list, index } of fromLists) if (index < list.length) list.splice(index, 1);
}

/** What one action will do to its slot: write a value, remove it, or nothing. */
export type Outcome = { readonly write: AttributeValue } | "remove" | "nothing";

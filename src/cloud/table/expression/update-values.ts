import { compareBytes } from "../value-compare.ts";
import { compareNumbers } from "../value-number.ts";
import type { AttributeValue, Item } from "../values.ts";

/**
 * A deep copy of a value (bytes copied too), so an update never aliases the stored item.
 *
 * @example cloneValue({ L: [{ S: "a" }] })
 */
export function cloneValue(value: AttributeValue): AttributeValue {
  if ("L" in value) return { L: value.L.map(cloneValue) };
  if ("M" in value) return { M: cloneItem(value.M) };
  if ("B" in value) return { B: value.B.slice() };
  if ("SS" in value) return { SS: [...value.SS] };
  if ("NS" in value) return { NS: [...value.NS] };
  if ("BS" in value) return { BS: value.BS.map((b) => b.slice()) };
  if ("S" in value) return { S: value.S };
  if ("N" in value) return { N: value.N };
  if ("BOOL" in value) return { BOOL: value.BOOL };
  return { NULL: true };
}

/**
 * A deep copy of an item.
 *
 * @example cloneItem({ a: { L: [] } }) // a new { a: { L: [] } }
 */
export function cloneItem(item: Item): Item {
  const copy: Item = {};
  for (const name in item) {
    if (Object.hasOwn(item, name)) copy[name] = cloneValue(item[name] as AttributeValue);
  }
  return copy;
}

function merge<T>(existing: readonly T[], added: readonly T[], same: (a: T, b: T) => boolean): T[] {
  const result = [...existing];
  for (const element of added) if (!result.some((e) => same(e, element))) result.push(element);
  return result;
}

const sameNumber = (a: string, b: string): boolean => compareNumbers(a, b) === 0;
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => compareBytes(a, b) === 0;

/**
 * `ADD` of a set to a set of the same type, or `undefined` when the types differ.
 *
 * @example setUnion({ SS: ["a"] }, { SS: ["b", "a"] }) // { SS: ["a", "b"] }
 */
export function setUnion(existing: AttributeValue, added: AttributeValue): AttributeValue | undefined {
  if ("SS" in existing && "SS" in added) return { SS: merge(existing.SS, added.SS, (a, b) => a === b) };
  if ("NS" in existing && "NS" in added) return { NS: merge(existing.NS, added.NS, sameNumber) };
  if ("BS" in existing && "BS" in added) return { BS: merge(existing.BS, added.BS, sameBytes) };
  return undefined;
}

/**
 * `DELETE` of a set from a set of the same type: what is left, `"empty"` when nothing is (DynamoDB
 * then removes the attribute), or `undefined` when the types differ.
 *
 * @example setDifference({ SS: ["a", "b"] }, { SS: ["a"] }) // { SS: ["b"] }
 */
export function setDifference(
  existing: AttributeValue,
  removed: AttributeValue,
): AttributeValue | "empty" | undefined {
  let left: AttributeValue;
  if ("SS" in existing && "SS" in removed) left = { SS: existing.SS.filter((s) => !removed.SS.includes(s)) };
  else if ("NS" in existing && "NS" in removed) {
    left = { NS: existing.NS.filter((n) => !removed.NS.some((r) => sameNumber(n, r))) };
  } else if ("BS" in existing && "BS" in removed) {
    left = { BS: existing.BS.filter((b) => !removed.BS.some((r) => sameBytes(b, r))) };
  } else return undefined;
  const size =
    "SS" in left ? left.SS.length : "NS" in left ? left.NS.length : "BS" in left ? left.BS.length : 0;
  return size === 0 ? "empty" : left;
}

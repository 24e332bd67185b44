import type { AttributeValue, Item } from "./values.ts";
import { compareBytes, compareNumbers, compareStrings, normalizeNumber } from "./values.ts";

/**
 * A deep copy of a validated value in canonical form: numbers normalised ("01.50" → "1.5"), bytes
 * copied, members set to `undefined` dropped, sets sorted (strings and bytes by unsigned bytes,
 * numbers by value). DynamoDB leaves set order unspecified; DynamoDB Local returns sets sorted
 * this way, so we do too. Items are stored and returned in this form, so the
 * caller's objects and the stored ones never alias.
 *
 * @example canonicalValue({ NS: ["1.0", "2"] }) // { NS: ["1", "2"] }
 */
export function canonicalValue(value: AttributeValue): AttributeValue {
  if ("S" in value && value.S !== undefined) return { S: value.S };
  if ("N" in value && value.N !== undefined) return { N: normalizeNumber(value.N) };
  if ("B" in value && value.B !== undefined) return { B: new Uint8Array(value.B) };
  if ("BOOL" in value && value.BOOL !== undefined) return { BOOL: value.BOOL };
  if ("NULL" in value && value.NULL !== undefined) return { NULL: true };
  if ("SS" in value && value.SS !== undefined) return { SS: [...value.SS].sort(compareStrings) };
  if ("NS" in value && value.NS !== undefined) {
    return { NS: value.NS.map((n) => normalizeNumber(n)).sort(compareNumbers) };
  }
  if ("BS" in value && value.BS !== undefined)
    return { BS: value.BS.map((b) => new Uint8Array(b)).sort(compareBytes) };
  if ("L" in value && value.L !== undefined) return { L: value.L.map(canonicalValue) };
  const map: Record<string, AttributeValue> = {};
  for (const [name, member] of Object.entries((value as { M: Record<string, AttributeValue> }).M)) {
    map[name] = canonicalValue(member);
  }
  return { M: map };
}

/** {@link canonicalValue} for every attribute of an item. */
export function canonicalItem(item: Item): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (value !== undefined) out[name] = canonicalValue(value);
  }
  return out;
}

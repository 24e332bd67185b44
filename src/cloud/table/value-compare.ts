import { compareNumbers } from "./value-number.ts";
import type { AttributeValue } from "./values.ts";

/** The ten DynamoDB type descriptors. */
export type AttributeType = "S" | "N" | "B" | "SS" | "NS" | "BS" | "M" | "L" | "NULL" | "BOOL";

/**
 * The type descriptor of a value.
 *
 * @example attributeType({ N: "1" }) // "N"
 */
export function attributeType(value: AttributeValue): AttributeType {
  return Object.keys(value)[0] as AttributeType;
}

const encoder = new TextEncoder();

/**
 * Compares byte arrays as unsigned bytes, shorter prefix first.
 *
 * @example compareBytes(new Uint8Array([1]), new Uint8Array([1, 0])) // -1
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(a.length - b.length);
}

/**
 * Compares strings the way DynamoDB orders them: by their UTF-8 bytes (JS's `<` compares UTF-16
 * code units, which orders astral characters differently).
 *
 * @example compareStrings("a", "b") // -1
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return compareBytes(encoder.encode(a), encoder.encode(b));
}

/**
 * Orders two scalar key values: N numerically, S by UTF-8 bytes, B by unsigned bytes. Values of
 * different types (which a valid table never compares) are ordered by type name so the order is
 * total.
 *
 * @example compareValues({ N: "10" }, { N: "9" }) // 1
 */
export function compareValues(a: AttributeValue, b: AttributeValue): number {
  if ("N" in a && "N" in b) return compareNumbers(a.N, b.N);
  if ("S" in a && "S" in b) return compareStrings(a.S, b.S);
  if ("B" in a && "B" in b) return compareBytes(a.B, b.B);
  const ta = attributeType(a);
  const tb = attributeType(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function setsEqual<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  return a.every((x) => b.some((y) => eq(x, y)));
}

/** Whether two byte strings are the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}

function numbersEqual(a: string, b: string): boolean {
  return compareNumbers(a, b) === 0;
}

/**
 * DynamoDB equality: same type and same value; numbers compare numerically, sets ignore order,
 * maps ignore key order, lists compare element by element.
 *
 * @example valuesEqual({ NS: ["1", "2"] }, { NS: ["2.0", "1"] }) // true
 */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if ("S" in a) return "S" in b && a.S === b.S;
  if ("N" in a) return "N" in b && numbersEqual(a.N, b.N);
  if ("B" in a) return "B" in b && bytesEqual(a.B, b.B);
  if ("BOOL" in a) return "BOOL" in b && a.BOOL === b.BOOL;
  if ("NULL" in a) return "NULL" in b;
  if ("SS" in a) return "SS" in b && setsEqual(a.SS, b.SS, (x, y) => x === y);
  if ("NS" in a) return "NS" in b && setsEqual(a.NS, b.NS, numbersEqual);
  if ("BS" in a) return "BS" in b && setsEqual(a.BS, b.BS, bytesEqual);
  if ("L" in a) {
    return (
      "L" in b && a.L.length === b.L.length && a.L.every((x, i) => valuesEqual(x, b.L[i] as AttributeValue))
    );
  }
  if (!("M" in b)) return false;
  const keys = Object.keys(a.M);
  if (keys.length !== Object.keys(b.M).length) return false;
  return keys.every((k) => {
    const other = b.M[k];
    return other !== undefined && Object.hasOwn(b.M, k) && valuesEqual(a.M[k] as AttributeValue, other);
  });
}

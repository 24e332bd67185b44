import { numberParts } from "./value-number.ts";
import type { AttributeValue, Item } from "./values.ts";

const encoder = new TextEncoder();

/**
 * UTF-8 byte length of a string.
 *
 * @example utf8Length("é") // 2
 */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

function numberSize(text: string): number {
  // AWS: "(1 byte per two significant digits) + (1 byte)", leading and trailing zeros trimmed.
  const digits = numberParts(text)?.digits.length ?? text.length;
  return Math.ceil(digits / 2) + 1;
}

/**
 * The size of one attribute value by AWS's documented rules (CapacityUnitCalculations): strings
 * and binary by their bytes, numbers by significant digits, BOOL/NULL 1 byte, lists and maps 3
 * bytes plus 1 byte and the size of each element (map elements include their key's bytes).
 *
 * @example attributeValueSizeBytes({ S: "abc" }) // 3
 */
export function attributeValueSizeBytes(value: AttributeValue): number {
  if ("S" in value) return utf8Length(value.S);
  if ("N" in value) return numberSize(value.N);
  if ("B" in value) return value.B.length;
  if ("BOOL" in value || "NULL" in value) return 1;
  if ("SS" in value) return value.SS.reduce((sum, s) => sum + utf8Length(s), 0);
  if ("NS" in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ("BS" in value) return value.BS.reduce((sum, b) => sum + b.length, 0);
  if ("L" in value) return value.L.reduce((sum, v) => sum + 1 + attributeValueSizeBytes(v), 3);
  let size = 3;
  for (const [name, v] of Object.entries(value.M)) size += 1 + utf8Length(name) + attributeValueSizeBytes(v);
  return size;
}

/**
 * An item's size: attribute name bytes plus value sizes. The engine compares it with DynamoDB's
 * 400 KB (409,600 bytes) limit and uses it for capacity units.
 *
 * @example itemSizeBytes({ pk: { S: "a" } }) // 3
 */
export function itemSizeBytes(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8Length(name) + attributeValueSizeBytes(value);
  return size;
}

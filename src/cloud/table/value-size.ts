import { numberParts } from "./value-number.ts";
import type { AttributeValue, Item } from "./values.ts";

/**
 * UTF-8 byte length of a string, counted from its UTF-16 code units without encoding it (a lone
 * surrogate counts 3 bytes, as its U+FFFD replacement would).
 *
 * @example utf8Length("é") // 2
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      i + 1 < text.length &&
      isLowSurrogate(text.charCodeAt(i + 1))
    ) {
      bytes += 2; // the pair's two units count 4 bytes together
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * DynamoDB stores a number as base-100 digits aligned on the decimal point, plus one byte (and one
 * more for a negative number); zero takes one byte. So `1.5` (01|50) takes 3 bytes and `100` (01|00,
 * trailing pair dropped) takes 2, which AWS's "one byte per two digits" estimate gets wrong. Each
 * case in the tests is what DynamoDB Local reports as a stream record's `SizeBytes`.
 *
 * @example numberSize("1.5") // 3
 */
export function numberSize(text: string): number {
  const parts = numberParts(text);
  if (parts === undefined || parts.digits === "") return 1;
  // Place value (power of ten) of the first and last significant digits.
  const firstPlace = parts.exponent;
  const lastPlace = parts.exponent - parts.digits.length + 1;
  const pairs = Math.floor(firstPlace / 2) - Math.floor(lastPlace / 2) + 1;
  return pairs + 1 + (parts.negative ? 1 : 0);
}

/**
 * The size of one attribute value by AWS's rules (CapacityUnitCalculations): strings and binary
 * by their bytes, numbers by {@link numberSize}, BOOL/NULL 1 byte, lists and maps 3 bytes plus 1
 * byte and the size of each element (map elements include their key's bytes).
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
  for (const name in value.M)
    size += 1 + utf8Length(name) + attributeValueSizeBytes(value.M[name] as AttributeValue);
  return size;
}

/**
 * An item's size: attribute name bytes plus value sizes. The engine compares it with DynamoDB's
 * 400 KB (409,600 bytes) limit and uses it for capacity units; a stream record's `SizeBytes` is
 * the sum over its Keys and images.
 *
 * @example itemSizeBytes({ pk: { S: "a" } }) // 3
 */
export function itemSizeBytes(item: Item): number {
  let size = 0;
  for (const name in item) size += utf8Length(name) + attributeValueSizeBytes(item[name] as AttributeValue);
  return size;
}

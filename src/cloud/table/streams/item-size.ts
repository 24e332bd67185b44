import type { AttributeValue, Item } from "../values.ts";

const utf8 = new TextEncoder();

/**
 * The size of an item in bytes by DynamoDB's rules: attribute names and string values count their
 * UTF-8 bytes, numbers their base-100 digits plus one, lists and maps 3 bytes plus 1 per element.
 * This is the `SizeBytes` of a stream record (summed over the Keys and images it carries); each
 * rule was checked against DynamoDB Local's `SizeBytes`.
 *
 * @example
 * itemSizeBytes({ pk: { S: "a" }, n: { N: "12.5" } }); // 3 + 4 = 7
 */
export function itemSizeBytes(item: Item): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) total += utf8.encode(name).length + valueSize(value);
  return total;
}

function valueSize(value: AttributeValue): number {
  if ("S" in value) return utf8.encode(value.S).length;
  if ("N" in value) return numberSize(value.N);
  if ("B" in value) return value.B.length;
  if ("SS" in value) return value.SS.reduce((sum, s) => sum + utf8.encode(s).length, 0);
  if ("NS" in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ("BS" in value) return value.BS.reduce((sum, b) => sum + b.length, 0);
  if ("L" in value) return value.L.reduce((sum, v) => sum + valueSize(v) + 1, 3);
  if ("M" in value) return itemSizeBytes(value.M) + Object.keys(value.M).length + 3;
  return 1; // NULL and BOOL
}

/**
 * DynamoDB stores a number as base-100 digits aligned on the decimal point, plus one byte (and one
 * more for a negative number); zero takes one byte. So `1.5` (01|50) takes 3 bytes and `100` (01|00,
 * trailing pair dropped) takes 2, which a "one byte per two digits" estimate gets wrong.
 */
export function numberSize(text: string): number {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (match === null) return 1;
  const digits = `${match[2] ?? ""}${match[3] ?? ""}`;
  const first = digits.search(/[1-9]/);
  if (first === -1) return 1;
  const last = digits.length - 1 - [...digits].reverse().findIndex((d) => d !== "0");
  // Place value (power of ten) of the first and last significant digits.
  const exponent = Number(match[4] ?? "0");
  const integerDigits = (match[2] ?? "").length;
  const firstPlace = integerDigits - 1 - first + exponent;
  const lastPlace = integerDigits - 1 - last + exponent;
  const pairs = Math.floor(firstPlace / 2) - Math.floor(lastPlace / 2) + 1;
  return pairs + 1 + (match[1] === "-" ? 1 : 0);
}

import { Decimal } from "decimal.js";
import { validationError } from "../aws-error.ts";

/**
 * The largest number of significant digits DynamoDB stores.
 *
 * @example numberParts("1.5")!.digits.length <= MAX_SIGNIFICANT_DIGITS // true
 */
export const MAX_SIGNIFICANT_DIGITS = 38;
const MAX_ADJUSTED_EXPONENT = 125;
const MIN_ADJUSTED_EXPONENT = -130;

/**
 * A DynamoDB number taken apart: sign, significant digits (no leading or trailing zeros) and the
 * exponent of the first digit in scientific notation. Zero has no digits.
 */
export interface NumberParts {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

const NUMBER_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Splits a number string into its parts, or returns `undefined` when DynamoDB could not read it as
 * a number (DynamoDB accepts `+5`, `.5`, `5.`, `1e2`; rejects blanks, `NaN`, `0x10`).
 *
 * @example numberParts("-1.50e2") // { negative: true, digits: "15", exponent: 2 }
 */
export function numberParts(text: string): NumberParts | undefined {
  const simple = canonicalIntegerParts(text);
  if (simple !== undefined) return simple;
  const match = NUMBER_SYNTAX.exec(text);
  if (match === null) return undefined;
  const [, sign = "", intPart = "", fracPart = "", expText] = match;
  if (intPart === "" && fracPart === "") return undefined;
  const all = intPart + fracPart;
  const first = all.search(/[1-9]/);
  if (first < 0) return { negative: false, digits: "", exponent: 0 };
  const digits = all.slice(first).replace(/0+$/, "");
  // An exponent longer than 15 digits is far outside the range either way; clamp it so the
  // arithmetic below stays exact in a JS number.
  const rawExp = expText === undefined ? 0 : Number(expText.length > 16 ? `${expText[0]}9e15` : expText);
  const exponent = rawExp + intPart.length - first - 1;
  return { negative: sign === "-", digits, exponent };
}

/**
 * The parts of a number already written as DynamoDB writes integers (`42`, `-7`, `100`: no sign
 * but `-`, no leading zeros, at most 38 digits), or `undefined` for any other text. Counters and
 * quantities are nearly always such integers; reading them by hand spares three regular
 * expressions per number.
 */
function canonicalIntegerParts(text: string): NumberParts | undefined {
  const negative = text.charCodeAt(0) === 45; // "-"
  const start = negative ? 1 : 0;
  const length = text.length - start;
  if (length < 1 || length > MAX_SIGNIFICANT_DIGITS) return undefined;
  const first = text.charCodeAt(start);
  if (first < 49 || first > 57) return undefined; // "1"-"9"
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // trailing zeros are not significant
  return { negative, digits: text.slice(start, end), exponent: length - 1 };
}

/**
 * Parses and range-checks a DynamoDB number, throwing DynamoDB's own ValidationException when the
 * text is not a number, has more than 38 significant digits, or lies outside
 * 1E-130..9.9999999999999999999999999999999999999E+125 in magnitude.
 *
 * @example checkNumber("1E+126") // throws "Number overflow. ..."
 */
export function checkNumber(text: string): NumberParts {
  const parts = numberParts(text);
  if (parts === undefined) throw validationError("A value provided cannot be converted into a number");
  checkNumberParts(parts);
  return parts;
}

function checkNumberParts(parts: NumberParts): void {
  if (parts.digits === "") return;
  if (parts.digits.length > MAX_SIGNIFICANT_DIGITS) {
    throw validationError("DynamoDB only supports precision up to 38 digits");
  }
  if (parts.exponent > MAX_ADJUSTED_EXPONENT) {
    throw validationError(
      "Number overflow. Attempting to store a number with magnitude larger than supported range",
    );
  }
  if (parts.exponent < MIN_ADJUSTED_EXPONENT) {
    throw validationError(
      "Number underflow. Attempting to store a number with magnitude smaller than supported range",
    );
  }
}

/**
 * Writes number parts in DynamoDB's output form: plain notation, no exponent, no needless zeros.
 *
 * @example formatParts({ negative: true, digits: "15", exponent: 2 }) // "-150"
 */
export function formatParts(parts: NumberParts): string {
  const { digits, exponent } = parts;
  if (digits === "") return "0";
  let plain: string;
  if (exponent >= digits.length - 1) plain = digits + "0".repeat(exponent - digits.length + 1);
  else if (exponent >= 0) plain = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  else plain = `0.${"0".repeat(-exponent - 1)}${digits}`;
  return parts.negative ? `-${plain}` : plain;
}

/**
 * DynamoDB's canonical output form of a valid number: what GetItem returns for what PutItem stored.
 * Checked against DynamoDB Local: "1.50"→"1.5", "1e2"→"100", "-0"→"0", ".5"→"0.5",
 * "1E-130"→"0.000…1", "9.99…E+125"→ 126 plain digits. Throws like {@link checkNumber}.
 *
 * @example normalizeNumber("1.50") // "1.5"
 */
export function normalizeNumber(text: string): string {
  // Such an integer is in range and already in the form formatParts would give it.
  if (canonicalIntegerParts(text) !== undefined) return text;
  return formatParts(checkNumber(text));
}

// Precision high enough that adding two in-range 38-digit numbers is exact (their digits span at
// most 126 + 130 + 38 places), so the 38-digit check sees the true result.
const INTEGER = /^[+-]?\d{1,40}$/;
const Exact = Decimal.clone({ precision: 400, minE: -9e15, maxE: 9e15 });

/**
 * Adds or subtracts two DynamoDB numbers exactly, then applies DynamoDB's limits to the result
 * (UpdateExpression `SET a = a + :n` and `ADD`). Returns the canonical form.
 *
 * @example addNumbers("1.5", "1.5", "-") // "0"
 */
export function addNumbers(left: string, right: string, op: "+" | "-" = "+"): string {
  // Counters are small integers: added as doubles they are exact while every value stays a safe
  // integer; written canonically, the text round-trips ("-0", "+1", "01" take the slower paths).
  const x = Number(left);
  const y = Number(right);
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && String(x) === left && String(y) === right) {
    const sum = op === "+" ? x + y : x - y;
    if (Number.isSafeInteger(sum)) return String(sum);
  }
  // Larger integers are added exactly with BigInt, still much faster than decimals.
  if (INTEGER.test(left) && INTEGER.test(right)) {
    const sum = op === "+" ? BigInt(left) + BigInt(right) : BigInt(left) - BigInt(right);
    return normalizeNumber(sum.toString());
  }
  const a = new Exact(normalizeNumber(left));
  const b = new Exact(normalizeNumber(right));
  const sum = op === "+" ? a.plus(b) : a.minus(b);
  // DynamoDB Local answers 1.5 - 1.5 with "0.0" (Java BigDecimal scale); the real service
  // normalises every stored number, so we return the canonical "0".
  return normalizeNumber(sum.toFixed());
}

/**
 * Compares two valid DynamoDB numbers numerically (-1, 0, 1).
 *
 * @example compareNumbers("10", "9.5") // 1
 */
export function compareNumbers(left: string, right: string): number {
  const a = numberParts(left);
  const b = numberParts(right);
  if (a === undefined || b === undefined) return left < right ? -1 : left > right ? 1 : 0;
  return compareParts(a, b);
}

function signOf(p: NumberParts): number {
  if (p.digits === "") return 0;
  return p.negative ? -1 : 1;
}

function compareParts(a: NumberParts, b: NumberParts): number {
  const sa = signOf(a);
  const sb = signOf(b);
  if (sa !== sb || sa === 0) return Math.sign(sa - sb);
  let magnitude: number;
  if (a.exponent !== b.exponent) magnitude = a.exponent > b.exponent ? 1 : -1;
  else {
    const width = Math.max(a.digits.length, b.digits.length);
    const da = a.digits.padEnd(width, "0");
    const db = b.digits.padEnd(width, "0");
    magnitude = da === db ? 0 : da > db ? 1 : -1;
  }
  return sa * magnitude;
}

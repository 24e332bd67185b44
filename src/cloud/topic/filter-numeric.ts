import { invalidParameter } from "./errors.ts";

/** One end of a numeric range, in SNS's fixed-point form (see {@link toFixedPoint}). */
export interface RangeEnd {
  readonly fixed: number;
  readonly inclusive: boolean;
}

/** The range of a `numeric` match: `=` sets both ends, inclusive. */
export interface NumericRange {
  readonly lower?: RangeEnd;
  readonly upper?: RangeEnd;
}

/**
 * SNS compares numbers with five digits of accuracy after the decimal point (its documented range
 * is ±10^9), so values are compared as integers in units of 10^-5: 301.5 and 3.015e2 are equal,
 * and so are 1.000001 and 1.
 *
 * @example
 * toFixedPoint(301.5) === toFixedPoint(3.015e2); // true
 */
export function toFixedPoint(value: number): number {
  return Math.round(value * 100_000);
}

const LOWER_OPERATORS = new Set([">", ">="]);
const UPPER_OPERATORS = new Set(["<", "<="]);
const ALL_OPERATORS = new Set(["=", ...LOWER_OPERATORS, ...UPPER_OPERATORS]);

/**
 * Compiles the operand of `{"numeric": [...]}`: `["=", 5]`, `[">", 0]`, `[">", 0, "<=", 150]`.
 * A range must go from a lower bound to a strictly greater upper bound, as in SNS; invalid
 * operands fail with SNS's wording behind `prefix` (`Invalid parameter: FilterPolicy: `).
 *
 * @example
 * compileNumeric([">=", 0, "<", 100], "Invalid parameter: FilterPolicy: ");
 */
export function compileNumeric(operand: unknown, prefix: string): NumericRange {
  const fail = (detail: string) => invalidParameter(`${prefix}${detail}`);
  if (!Array.isArray(operand)) throw fail("Value of numeric must be an array.");
  if (operand.length === 0) throw fail("Invalid member in numeric match: ]");
  const [op1, value1, op2, value2, ...rest] = operand as unknown[];
  if (typeof op1 !== "string") throw fail(`Invalid member in numeric match: ${show(op1)}`);
  if (!ALL_OPERATORS.has(op1)) throw fail(`Unrecognized numeric range operator: ${op1}`);
  if (typeof value1 !== "number") throw fail(`Value of ${op1 === "=" ? "equals" : op1} must be numeric`);
  const first: RangeEnd = { fixed: toFixedPoint(value1), inclusive: op1 !== ">" && op1 !== "<" };
  if (operand.length === 2) {
    if (op1 === "=") return { lower: first, upper: first };
    return LOWER_OPERATORS.has(op1) ? { lower: first } : { upper: first };
  }
  if (!LOWER_OPERATORS.has(op1)) throw fail("Too many elements in numeric expression");
  if (typeof op2 !== "string") throw fail(`Bad value in numeric range: ${show(op2)}`);
  if (!UPPER_OPERATORS.has(op2)) throw fail(`Bad numeric range operator: ${op2}`);
  if (typeof value2 !== "number") throw fail(`Value of ${op2} must be numeric`);
  if (value2 <= value1) throw fail("Bottom must be less than top");
  if (rest.length > 0) throw fail("Too many terms in numeric range expression");
  return { lower: first, upper: { fixed: toFixedPoint(value2), inclusive: op2 === "<=" } };
}

/**
 * Whether a number (already in fixed point) lies in the range.
 *
 * @example
 * inRange({ lower: { fixed: 0, inclusive: false } }, toFixedPoint(0.5)); // true
 */
export function inRange(range: NumericRange, fixed: number): boolean {
  const { lower, upper } = range;
  if (lower !== undefined && (lower.inclusive ? fixed < lower.fixed : fixed <= lower.fixed)) return false;
  if (upper !== undefined && (upper.inclusive ? fixed > upper.fixed : fixed >= upper.fixed)) return false;
  return true;
}

function show(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

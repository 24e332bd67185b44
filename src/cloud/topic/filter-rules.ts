import { invalidParameter } from "./errors.ts";
import { type CidrBlock, compileCidr } from "./filter-cidr.ts";
import { compileNumeric, type NumericRange, toFixedPoint } from "./filter-numeric.ts";
import { isRecord } from "./request.ts";

/** A value a policy compares with: a JSON scalar (numbers in fixed point, see {@link toFixedPoint}). */
export type Scalar = string | number | boolean | null;

/** One compiled entry of a key's value list; the key matches when any of its matchers does. */
export type Matcher =
  | { readonly kind: "equals"; readonly value: Scalar }
  | { readonly kind: "prefix" | "suffix" | "equals-ignore-case"; readonly value: string }
  | {
      readonly kind: "anything-but";
      readonly strings: readonly string[];
      readonly numbers: readonly number[];
    }
  | {
      readonly kind: "anything-but-prefix" | "anything-but-suffix" | "anything-but-ignore-case";
      readonly values: readonly string[];
    }
  | { readonly kind: "numeric"; readonly range: NumericRange }
  | { readonly kind: "exists"; readonly value: boolean }
  | { readonly kind: "cidr"; readonly block: CidrBlock };

/**
 * Compiles one entry of a policy key's list (`"rugby"`, `300`, `{"prefix": "bas"}`, …),
 * validating it with SNS's messages behind `prefix`.
 *
 * @example
 * compileMatcher({ "anything-but": ["rugby", "tennis"] }, "Invalid parameter: FilterPolicy: ");
 */
export function compileMatcher(rule: unknown, prefix: string): Matcher {
  const fail = (detail: string) => invalidParameter(`${prefix}${detail}`);
  if (rule === null || typeof rule === "string" || typeof rule === "boolean") {
    return { kind: "equals", value: rule };
  }
  if (typeof rule === "number") return { kind: "equals", value: toFixedPoint(rule) };
  if (!isRecord(rule)) throw fail("Match value must be String, number, true, false, or null");
  const entries = Object.entries(rule);
  if (entries.length !== 1) throw fail("Only one key allowed in match expression");
  const [operator, operand] = entries[0]!;
  switch (operator) {
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
      if (typeof operand !== "string") throw fail(`${operator} match pattern must be a string`);
      return { kind: operator, value: operand };
    case "anything-but":
      return compileAnythingBut(operand, prefix);
    case "exists":
      if (typeof operand !== "boolean") throw fail("exists match pattern must be either true or false.");
      return { kind: "exists", value: operand };
    case "numeric":
      return { kind: "numeric", range: compileNumeric(operand, prefix) };
    case "cidr":
      return { kind: "cidr", block: compileCidr(operand, prefix) };
    default:
      throw fail(`Unrecognized match type ${operator}`);
  }
}

const ANYTHING_BUT_NESTED = {
  prefix: "anything-but-prefix",
  suffix: "anything-but-suffix",
  "equals-ignore-case": "anything-but-ignore-case",
} as const;

function compileAnythingBut(operand: unknown, prefix: string): Matcher {
  const fail = (detail: string) => invalidParameter(`${prefix}${detail}`);
  if (typeof operand === "string") return { kind: "anything-but", strings: [operand], numbers: [] };
  if (typeof operand === "number") {
    return { kind: "anything-but", strings: [], numbers: [toFixedPoint(operand)] };
  }
  if (Array.isArray(operand)) {
    const strings: string[] = [];
    const numbers: number[] = [];
    for (const value of operand as unknown[]) {
      if (typeof value === "string") strings.push(value);
      else if (typeof value === "number") numbers.push(toFixedPoint(value));
      else throw fail("Inside anything but list, start|null|boolean is not supported.");
    }
    if ((strings.length === 0) === (numbers.length === 0)) {
      throw fail(
        "Inside anything but list, either all values are number or string, mixed type is not supported",
      );
    }
    return { kind: "anything-but", strings, numbers };
  }
  if (isRecord(operand)) return compileAnythingButNested(operand, prefix);
  throw fail("Value of anything-but must be an array or single string/number value.");
}

/** `{"anything-but": {"prefix": "x"}}`, with `suffix` or `equals-ignore-case`; one value or a list. */
function compileAnythingButNested(operand: Record<string, unknown>, prefix: string): Matcher {
  const fail = (detail: string) => invalidParameter(`${prefix}${detail}`);
  const entries = Object.entries(operand);
  if (entries.length === 0) throw fail("Anything-But expression name not found");
  if (entries.length > 1) throw fail("Only one key allowed in match expression");
  const [inner, value] = entries[0]!;
  if (!Object.hasOwn(ANYTHING_BUT_NESTED, inner)) throw fail(`Unsupported anything-but pattern: ${inner}`);
  const kind = ANYTHING_BUT_NESTED[inner as keyof typeof ANYTHING_BUT_NESTED];
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!Array.isArray(value) && typeof value !== "string") {
    throw fail("Value of anything-but must be an array or single string/number value.");
  }
  for (const text of values) {
    if (typeof text !== "string") {
      throw fail(
        kind === "anything-but-ignore-case"
          ? "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
          : "prefix/suffix match pattern must be a string",
      );
    }
    if (text === "" && kind !== "anything-but-ignore-case") throw fail("Null prefix/suffix not allowed");
  }
  return { kind, values: values as string[] };
}

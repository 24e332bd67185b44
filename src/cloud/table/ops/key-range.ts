import { validationError } from "../errors.ts";
import type { StoredEntry } from "../item-store.ts";
import { lowerBound } from "../item-store.ts";
import { typeOf } from "../keys.ts";
import type { KeySchema } from "../model.ts";
import type { AttributeValue } from "../values.ts";
import { compareValues } from "../values.ts";

/** The sort key condition of a KeyConditionExpression. */
export interface SortCondition {
  readonly op: "=" | "<" | "<=" | ">" | ">=" | "BETWEEN" | "begins_with";
  readonly values: readonly AttributeValue[];
}

function startsWith(value: AttributeValue, prefix: AttributeValue): boolean {
  if ("S" in value && "S" in prefix) return value.S.startsWith(prefix.S);
  if ("B" in value && "B" in prefix) {
    return prefix.B.length <= value.B.length && prefix.B.every((byte, i) => value.B[i] === byte);
  }
  return false;
}

function describe(value: AttributeValue): string {
  const type = typeOf(value);
  const raw = (value as Record<string, unknown>)[type];
  return `{${type}:${raw instanceof Uint8Array ? Buffer.from(raw).toString("base64") : String(raw)}}`;
}

/**
 * Checks the values of a key condition against the key schema's types, with DynamoDB's messages.
 *
 * @example checkKeyConditionTypes(schema, { S: "a" }, { op: ">", values: [{ N: "1" }] });
 */
export function checkKeyConditionTypes(
  keys: KeySchema,
  partition: AttributeValue,
  sort: SortCondition | undefined,
): void {
  const mismatch = (): Error =>
    validationError(
      "One or more parameter values were invalid: Condition parameter type does not match schema type",
    );
  if (typeOf(partition) !== keys.partition.type) throw mismatch();
  if (sort === undefined || keys.sort === undefined) return;
  if (sort.op === "begins_with" && sort.values.some((v) => typeOf(v) === "N")) {
    throw validationError(
      "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
    );
  }
  if (sort.values.some((v) => typeOf(v) !== keys.sort!.type)) throw mismatch();
  const [low, high] = sort.values;
  if (sort.op === "BETWEEN" && low !== undefined && high !== undefined && compareValues(low, high) > 0) {
    throw validationError(
      `Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describe(low)}, upper bound operand: AttributeValue: ${describe(high)}`,
    );
  }
}

/** Whether a sort key value satisfies the condition. */
export function sortMatches(value: AttributeValue, sort: SortCondition | undefined): boolean {
  if (sort === undefined) return true;
  const [a, b] = sort.values as [AttributeValue, AttributeValue];
  const c = compareValues(value, a);
  switch (sort.op) {
    case "=":
      return c === 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "BETWEEN":
      return c >= 0 && compareValues(value, b) <= 0;
    case "begins_with":
      return startsWith(value, a);
  }
}

/**
 * The index range [start, end) of the entries of one partition whose sort key (the first element
 * of the order tuple) satisfies the condition. Entries are sorted by it, so the matches are one
 * contiguous run (begins_with included: a prefix's extensions sort together).
 */
export function sortRange(
  entries: readonly StoredEntry[],
  sort: SortCondition | undefined,
): [number, number] {
  if (sort === undefined) return [0, entries.length];
  const first = sort.values[0]!;
  const below = (v: AttributeValue) => lowerBound(entries, v, (e, p) => compareValues(e.order[0]!, p));
  const through = (v: AttributeValue) =>
    lowerBound(entries, v, (e, p) => (compareValues(e.order[0]!, p) <= 0 ? -1 : 1));
  switch (sort.op) {
    case "=":
      return [below(first), through(first)];
    case "<":
      return [0, below(first)];
    case "<=":
      return [0, through(first)];
    case ">":
      return [through(first), entries.length];
    case ">=":
      return [below(first), entries.length];
    case "BETWEEN":
      return [below(first), through(sort.values[1]!)];
    case "begins_with": {
      const start = below(first);
      let end = start;
      while (end < entries.length && startsWith(entries[end]!.order[0]!, first)) end++;
      return [start, end];
    }
  }
}

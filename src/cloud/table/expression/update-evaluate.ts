import { validationError } from "../../aws-error.ts";
import { addNumbers } from "../value-number.ts";
import type { AttributeValue, Item } from "../values.ts";
import { type DocumentPath, valueAtPath } from "./document-path.ts";
import type { Operand } from "./resolve.ts";
import { cloneValue } from "./update-values.ts";

/**
 * DynamoDB's message for an operand that is not in the item.
 *
 * @example throw validationError(MISSING_OPERAND)
 */
export const MISSING_OPERAND =
  "The provided expression refers to an attribute that does not exist in the item";
const WRONG_TYPE = "An operand in the update expression has an incorrect data type";

/**
 * Thrown for an operand missing from the item; `nested` tells a missing top-level attribute from
 * a missing element or key deeper down, which DynamoDB reports at different moments.
 *
 * @example throw new MissingOperand(false) // a missing top-level attribute
 */
export class MissingOperand extends Error {
  constructor(readonly nested: boolean) {
    super(MISSING_OPERAND);
  }
}

/** Evaluates operands left to right; the first missing or wrongly typed one decides. */
function pair(left: Operand, right: Operand, item: Item, type: "N" | "L"): [AttributeValue, AttributeValue] {
  const values = [left, right].map((operand) => {
    const value = evaluate(operand, item);
    if (!(type in value)) throw validationError(WRONG_TYPE);
    return value;
  });
  return values as [AttributeValue, AttributeValue];
}

/**
 * The value of a SET right-hand side in `item` (the item before the update). Throws DynamoDB's
 * "incorrect data type" ValidationException, or {@link MissingOperand}.
 *
 * @example evaluate({ kind: "value", value: { N: "1" } }, {}) // { N: "1" }
 */
export function evaluate(operand: Operand, item: Item): AttributeValue {
  switch (operand.kind) {
    case "value":
      return cloneValue(operand.value);
    case "path": {
      const value = valueAtPath(item, operand.path);
      if (value === undefined) throw new MissingOperand(operand.path.length > 1);
      return cloneValue(value);
    }
    case "arithmetic": {
      const [left, right] = pair(operand.left, operand.right, item, "N") as [{ N: string }, { N: string }];
      return { N: addNumbers(left.N, right.N, operand.op) };
    }
    case "call": {
      const [first, second] = operand.args as [Operand, Operand];
      if (operand.name === "if_not_exists") {
        // DynamoDB evaluates the fallback even when it is not needed: a missing fallback path is
        // an error although the first path exists (seen in DynamoDB Local).
        const fallback = evaluate(second, item);
        const existing = first.kind === "path" ? valueAtPath(item, first.path) : undefined;
        return existing === undefined ? fallback : cloneValue(existing);
      }
      const [left, right] = pair(first, second, item, "L") as [
        { L: AttributeValue[] },
        { L: AttributeValue[] },
      ];
      return { L: [...left.L, ...right.L] };
    }
  }
}

/** Whether the path walks into a scalar, or into a list by name or a map by index. */
function wrongKind(item: Item, path: DocumentPath): boolean {
  for (let i = 1; i < path.length; i++) {
    const parent = valueAtPath(item, path.slice(0, i));
    if (parent === undefined) return false;
    if (!(typeof path[i] === "number" ? "L" in parent : "M" in parent)) return true;
  }
  return false;
}

function operandPaths(operand: Operand, out: DocumentPath[]): void {
  // A top-level name cannot walk into anything, so only longer paths are collected.
  if (operand.kind === "path") {
    if (operand.path.length > 1) out.push(operand.path);
  } else if (operand.kind === "arithmetic") {
    operandPaths(operand.left, out);
    operandPaths(operand.right, out);
  } else if (operand.kind === "call") {
    // if_not_exists exists to probe a path that may be missing, so its first operand is exempt.
    const args = operand.name === "if_not_exists" ? operand.args.slice(1) : operand.args;
    for (const arg of args) operandPaths(arg, out);
  }
}

/**
 * An operand path of any SET value that walks into a scalar or the wrong kind of container
 * (`a[0]` on a number, `l.x` on a list) is "refers to an attribute that does not exist", even
 * where the value would not be needed (seen in DynamoDB Local).
 *
 * @example checkOperandKinds([{ kind: "path", path: ["a", 0] }], { a: { N: "1" } }) // throws
 */
export function checkOperandKinds(values: readonly Operand[], item: Item): void {
  const paths: DocumentPath[] = [];
  for (const value of values) operandPaths(value, paths);
  if (paths.some((path) => wrongKind(item, path))) throw validationError(MISSING_OPERAND);
}

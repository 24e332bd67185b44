import { attributeType, compareBytes, compareValues, valuesEqual } from "../value-compare.ts";
import type { AttributeValue, Item } from "../values.ts";
import type { ConditionTree } from "./condition-check.ts";
import { valueAtPath } from "./document-path.ts";
import type { Operand } from "./resolve.ts";

/**
 * The value of an operand in an item, or `undefined` when it has none (missing path, bad size()).
 *
 * @example operandValue({ kind: "path", path: ["a"] }, { a: { N: "1" } }) // { N: "1" }
 */
export function operandValue(operand: Operand, item: Item): AttributeValue | undefined {
  if (operand.kind === "value") return operand.value;
  if (operand.kind === "path") return valueAtPath(item, operand.path);
  if (operand.kind === "call" && operand.name === "size") {
    const value = operandValue(operand.args[0] as Operand, item);
    const size = value === undefined ? undefined : sizeOf(value);
    return size === undefined ? undefined : { N: String(size) };
  }
  return undefined;
}

/** size(): string length (UTF-16 units, as DynamoDB Local counts "é😀" as 3), bytes, elements. */
function sizeOf(value: AttributeValue): number | undefined {
  if ("S" in value) return value.S.length;
  if ("B" in value) return value.B.length;
  if ("SS" in value) return value.SS.length;
  if ("NS" in value) return value.NS.length;
  if ("BS" in value) return value.BS.length;
  if ("L" in value) return value.L.length;
  if ("M" in value) return Object.keys(value.M).length;
  return undefined;
}

function ordered(a: AttributeValue, b: AttributeValue): number | undefined {
  const type = attributeType(a);
  if (type !== attributeType(b) || (type !== "N" && type !== "S" && type !== "B")) return undefined;
  return compareValues(a, b);
}

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (op === "=") return a !== undefined && b !== undefined && valuesEqual(a, b);
  if (op === "<>") return a === undefined || b === undefined || !valuesEqual(a, b);
  if (a === undefined || b === undefined) return false;
  const order = ordered(a, b);
  if (order === undefined) return false;
  if (op === "<") return order < 0;
  if (op === "<=") return order <= 0;
  if (op === ">") return order > 0;
  return order >= 0;
}

function bytesInclude(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function contains(container: AttributeValue, wanted: AttributeValue): boolean {
  if ("S" in container) return "S" in wanted && container.S.includes(wanted.S);
  if ("B" in container) return "B" in wanted && bytesInclude(container.B, wanted.B);
  if ("SS" in container) return "S" in wanted && container.SS.includes(wanted.S);
  if ("NS" in container) return "N" in wanted && container.NS.some((n) => valuesEqual({ N: n }, wanted));
  if ("BS" in container) return "B" in wanted && container.BS.some((b) => compareBytes(b, wanted.B) === 0);
  if ("L" in container) return container.L.some((element) => valuesEqual(element, wanted));
  return false;
}

function beginsWith(value: AttributeValue, prefix: AttributeValue): boolean {
  if ("S" in value) return "S" in prefix && value.S.startsWith(prefix.S);
  if ("B" in value && "B" in prefix) {
    return (
      prefix.B.length <= value.B.length && compareBytes(value.B.subarray(0, prefix.B.length), prefix.B) === 0
    );
  }
  return false;
}

function callFunction(name: string, args: readonly Operand[], item: Item): boolean {
  const [first, second] = args.map((a) => operandValue(a, item));
  if (name === "attribute_exists") return first !== undefined;
  if (name === "attribute_not_exists") return first === undefined;
  if (first === undefined || second === undefined) return false;
  if (name === "attribute_type") return "S" in second && attributeType(first) === second.S;
  if (name === "begins_with") return beginsWith(first, second);
  return contains(first, second);
}

/**
 * Evaluates a checked condition tree against an item.
 *
 * @example evaluateTree({ kind: "function", name: "attribute_exists", args: [{ kind: "path", path: ["a"] }] }, {}) // false
 */
export function evaluateTree(tree: ConditionTree, item: Item): boolean {
  switch (tree.kind) {
    case "and":
      return evaluateTree(tree.left, item) && evaluateTree(tree.right, item);
    case "or":
      return evaluateTree(tree.left, item) || evaluateTree(tree.right, item);
    case "not":
      return !evaluateTree(tree.operand, item);
    case "function":
      return callFunction(tree.name, tree.args, item);
    case "compare":
      return compare(tree.op, operandValue(tree.left, item), operandValue(tree.right, item));
    case "between": {
      const value = operandValue(tree.operand, item);
      const low = operandValue(tree.low, item);
      const high = operandValue(tree.high, item);
      if (value === undefined || low === undefined || high === undefined) return false;
      const a = ordered(low, value);
      const b = ordered(value, high);
      return a !== undefined && b !== undefined && a <= 0 && b <= 0;
    }
    case "in": {
      const value = operandValue(tree.operand, item);
      return value !== undefined && tree.list.some((o) => compare("=", value, operandValue(o, item)));
    }
  }
}

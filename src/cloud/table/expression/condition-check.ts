import { type AttributeType, attributeType } from "../value-compare.ts";
import type { AttributeValue } from "../values.ts";
import type { Comparator } from "./ast.ts";
import { formatPath } from "./document-path.ts";
import { type ExpressionParameter, invalidExpression } from "./errors.ts";
import type { Operand } from "./resolve.ts";

/** A compiled condition: placeholders resolved, DynamoDB's static checks passed. */
export type ConditionTree =
  | { readonly kind: "compare"; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: "between"; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: "in"; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: "and" | "or"; readonly left: ConditionTree; readonly right: ConditionTree }
  | { readonly kind: "not"; readonly operand: ConditionTree }
  | { readonly kind: "function"; readonly name: string; readonly args: readonly Operand[] };

const ARITY: Readonly<Record<string, number>> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
  size: 1,
};
const ORDERED_TYPES = new Set<AttributeType>(["N", "S", "B"]);
const SIZED_TYPES = new Set<AttributeType>(["S", "B", "SS", "NS", "BS", "L", "M"]);
const STRINGISH_TYPES = new Set<AttributeType>(["S", "B"]);
/** How DynamoDB Local names the type of an operand it cannot know in advance (a path), verbatim. */
const ANY_TYPE =
  "{DECIMALSET,N,DOUBLE,NULL,DECIMAL,INTSET,HD,FLOAT,NS,HDS,INT,S,SS,DICT,FS,BS,M,L,DOUBLESET,B,BOOL}";
/** DynamoDB's list, in DynamoDB's order, for the attribute_type error message. */
const TYPE_NAMES = ["N", "BS", "L", "B", "NULL", "M", "S", "SS", "NS", "BOOL"];

/**
 * The type an operand is known to have before any item is seen: values' own, size()'s N.
 *
 * @example staticType({ kind: "value", value: { S: "x" } }) // "S"
 */
export function staticType(operand: Operand): AttributeType | undefined {
  if (operand.kind === "value") return attributeType(operand.value);
  if (operand.kind === "call" && operand.name === "size") return "N";
  return undefined;
}

/** `AttributeValue: {N:3}`, as DynamoDB prints a value in BETWEEN errors. */
function describe(value: AttributeValue): string {
  const type = attributeType(value);
  const raw = (value as Record<string, unknown>)[type];
  // DynamoDB prints binary as the Java ByteBuffer holding it (seen in DynamoDB Local).
  const text =
    raw instanceof Uint8Array
      ? `java.nio.HeapByteBuffer[pos=0 lim=${raw.length} cap=${raw.length}]`
      : String(raw);
  return `AttributeValue: {${type}:${text}}`;
}

/**
 * Static checks of DynamoDB's condition grammar, each with DynamoDB's own message.
 *
 * @example new ConditionChecker("ConditionExpression").compare("<", left, right) // throws for a BOOL :value
 */
export class ConditionChecker {
  constructor(readonly parameter: ExpressionParameter) {}

  fail(message: string): never {
    throw invalidExpression(this.parameter, message);
  }

  operandTypes(name: string, allowed: ReadonlySet<AttributeType>, operands: readonly Operand[]): void {
    for (const operand of operands) {
      const type = staticType(operand);
      if (type !== undefined && !allowed.has(type)) {
        this.fail(
          `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`,
        );
      }
    }
  }

  distinct(operator: string, first: Operand, rest: readonly Operand[]): void {
    if (first.kind !== "path") return;
    const key = formatPath(first.path);
    if (rest.some((o) => o.kind === "path" && formatPath(o.path) === key)) {
      this.fail(
        `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${key}`,
      );
    }
  }

  arity(name: string, args: readonly Operand[]): void {
    if (args.length !== ARITY[name]) {
      this.fail(
        `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
      );
    }
  }

  /** An operand in value position: only size() may be called there. */
  operand(operand: Operand): void {
    if (operand.kind !== "call") return;
    if (operand.name !== "size") {
      this.fail(
        `The function is not allowed to be used this way in an expression; function: ${operand.name}`,
      );
    }
    for (const arg of operand.args) this.operand(arg);
    this.arity("size", operand.args);
    this.operandTypes("size", SIZED_TYPES, operand.args);
  }

  /** A function used as a whole condition. */
  function(name: string, args: readonly Operand[]): void {
    if (name === "size")
      this.fail("The function is not allowed to be used this way in an expression; function: size");
    for (const arg of args) this.operand(arg);
    this.arity(name, args);
    this.distinct(name, args[0] as Operand, args.slice(1));
    if (name === "attribute_type") this.typeOperand(args[1] as Operand);
    // attribute_type accepts a value as its first operand (DynamoDB Local evaluates it).
    if (
      (name === "attribute_exists" || name === "attribute_not_exists") &&
      (args[0] as Operand).kind !== "path"
    ) {
      this.fail(`Operator or function requires a document path; operator or function: ${name}`);
    }
    if (name === "begins_with") this.operandTypes(name, STRINGISH_TYPES, args);
    if (name === "attribute_type") this.typeName(args[1] as Operand);
  }

  /** attribute_type's second operand must be a string value; a path's type is not known. */
  private typeOperand(operand: Operand): void {
    if (operand.kind === "path") {
      this.fail(
        `Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${ANY_TYPE}`,
      );
    }
    this.operandTypes("attribute_type", new Set(["S"]), [operand]);
  }

  private typeName(operand: Operand): void {
    if (operand.kind !== "value") return;
    const name = (operand.value as { S: string }).S;
    if (!TYPE_NAMES.includes(name)) {
      this.fail(`Invalid attribute type name found; type: ${name}, valid types: {${TYPE_NAMES.join(",")}}`);
    }
  }

  compare(op: Comparator, left: Operand, right: Operand): void {
    this.operand(left);
    this.operand(right);
    if (op !== "=" && op !== "<>") this.operandTypes(op, ORDERED_TYPES, [left, right]);
    this.distinct(op, left, [right]);
  }

  between(
    operand: Operand,
    low: Operand,
    high: Operand,
    compare: (a: AttributeValue, b: AttributeValue) => number,
  ): void {
    for (const o of [operand, low, high]) this.operand(o);
    this.operandTypes("BETWEEN", ORDERED_TYPES, [operand, low, high]);
    this.distinct("BETWEEN", operand, [low, high]);
    if (low.kind !== "value" || high.kind !== "value") return;
    const bounds = `lower bound operand: ${describe(low.value)}, upper bound operand: ${describe(high.value)}`;
    if (attributeType(low.value) !== attributeType(high.value)) {
      this.fail(`The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
    }
    if (compare(low.value, high.value) > 0) {
      this.fail(
        `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`,
      );
    }
  }

  in(operand: Operand, list: readonly Operand[]): void {
    this.operand(operand);
    for (const o of list) this.operand(o);
    if (list.length > 100) {
      this.fail(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
    }
    this.distinct("IN", operand, list);
  }
}

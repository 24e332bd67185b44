import type { Token } from "./lexer.ts";

/** One step of a document path as written: an attribute name (plain or `#name`) or a list index. */
export type PathStep =
  | { readonly kind: "name"; readonly token: Token }
  | { readonly kind: "index"; readonly token: Token };

/** A document path as written, e.g. `a.#b[2].c`. */
export interface PathNode {
  readonly kind: "path";
  readonly steps: readonly PathStep[];
}

/** A `:value` placeholder. */
export interface ValueNode {
  readonly kind: "value";
  readonly token: Token;
}

/** A function call, e.g. `size(a)`, `if_not_exists(a, :v)`. */
export interface CallNode {
  readonly kind: "call";
  readonly name: Token;
  readonly args: readonly OperandNode[];
}

/** `left + right` / `left - right` (UpdateExpression SET only). */
export interface ArithmeticNode {
  readonly kind: "arithmetic";
  readonly op: "+" | "-";
  readonly left: OperandNode;
  readonly right: OperandNode;
}

/** Anything that yields a value. */
export type OperandNode = PathNode | ValueNode | CallNode | ArithmeticNode;

/** Comparison operators of the condition grammar. */
export type Comparator = "=" | "<>" | "<" | "<=" | ">" | ">=";

/** A condition as written; precedence already applied by the parser. */
export type ConditionNode =
  | {
      readonly kind: "compare";
      readonly op: Comparator;
      readonly left: OperandNode;
      readonly right: OperandNode;
    }
  | {
      readonly kind: "between";
      readonly operand: OperandNode;
      readonly low: OperandNode;
      readonly high: OperandNode;
    }
  | { readonly kind: "in"; readonly operand: OperandNode; readonly list: readonly OperandNode[] }
  | { readonly kind: "and" | "or"; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly kind: "not"; readonly operand: ConditionNode }
  | { readonly kind: "function"; readonly call: CallNode };

/** One action of an UpdateExpression as written. */
export type UpdateActionNode =
  | { readonly kind: "SET"; readonly path: PathNode; readonly value: OperandNode }
  | { readonly kind: "REMOVE"; readonly path: PathNode }
  | { readonly kind: "ADD" | "DELETE"; readonly path: PathNode; readonly value: ValueNode };

/** The four sections of an UpdateExpression. */
export type UpdateSection = "SET" | "REMOVE" | "ADD" | "DELETE";

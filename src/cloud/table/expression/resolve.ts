import type { AttributeValue } from "../values.ts";
import type { OperandNode, PathNode } from "./ast.ts";
import type { ExpressionContext } from "./context.ts";
import type { DocumentPath } from "./document-path.ts";
import { type ExpressionParameter, invalidExpression } from "./errors.ts";

/** An operand with its placeholders replaced by the request's names and values. */
export type Operand =
  | { readonly kind: "path"; readonly path: DocumentPath }
  | { readonly kind: "value"; readonly value: AttributeValue }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Operand[] }
  | { readonly kind: "arithmetic"; readonly op: "+" | "-"; readonly left: Operand; readonly right: Operand };

const MAX_LIST_INDEX = 2147483647;
/** DynamoDB's limits: 32 steps in one document path, 300 operators in one condition. */
const MAX_PATH_STEPS = 32;
const MAX_OPERATORS = 300;

/**
 * DynamoDB's size limits, checked after names and functions and before any placeholder is looked
 * up (order seen in DynamoDB Local): no path longer than 32 steps, at most 300 operators (each
 * comparison, BETWEEN, IN, AND, OR, NOT and function call counts one; DynamoDB stops counting
 * at the first one too many, so the message always says 301).
 *
 * @example checkLimits("ConditionExpression", paths, 301) // throws "... too many operators; operator count: 301"
 */
export function checkLimits(
  parameter: ExpressionParameter,
  paths: readonly PathNode[],
  operators?: number,
): void {
  for (const path of paths) {
    if (path.steps.length > MAX_PATH_STEPS) {
      throw invalidExpression(
        parameter,
        `The document path has too many nesting levels; nesting levels: ${path.steps.length}`,
      );
    }
  }
  if (operators !== undefined && operators > MAX_OPERATORS) {
    throw invalidExpression(
      parameter,
      `The expression contains too many operators; operator count: ${MAX_OPERATORS + 1}`,
    );
  }
}

/**
 * Looks placeholders up in the request (marking them used) and checks list index ranges.
 *
 * @example new Resolver(ctx, "ConditionExpression").path(pathNode) // ["status"] for `#s`
 */
export class Resolver {
  constructor(
    private readonly ctx: ExpressionContext,
    readonly parameter: ExpressionParameter,
  ) {}

  path(node: PathNode): DocumentPath {
    return node.steps.map((step) => {
      const text = step.token.text;
      if (step.kind === "index") {
        const index = Number(text);
        if (index > MAX_LIST_INDEX) {
          throw invalidExpression(
            this.parameter,
            `List index is not within the allowable range; index: [${text}]`,
          );
        }
        return index;
      }
      if (step.token.kind === "identifier") return text;
      const name = this.ctx.name(text);
      if (name === undefined) {
        throw invalidExpression(
          this.parameter,
          `An expression attribute name used in the document path is not defined; attribute name: ${text}`,
        );
      }
      return name;
    });
  }

  /** A path with defined `#names` resolved and undefined ones left as written (for early checks). */
  softPath(node: PathNode): DocumentPath {
    return node.steps.map((step) => {
      if (step.kind === "index") return Number(step.token.text);
      return step.token.kind === "name"
        ? (this.ctx.name(step.token.text) ?? step.token.text)
        : step.token.text;
    });
  }

  value(token: { readonly text: string }): AttributeValue {
    const value = this.ctx.value(token.text);
    if (value === undefined) {
      throw invalidExpression(
        this.parameter,
        `An expression attribute value used in expression is not defined; attribute value: ${token.text}`,
      );
    }
    return value;
  }

  operand(node: OperandNode): Operand {
    switch (node.kind) {
      case "path":
        return { kind: "path", path: this.path(node) };
      case "value":
        return { kind: "value", value: this.value(node.token) };
      case "call":
        return { kind: "call", name: node.name.text, args: node.args.map((arg) => this.operand(arg)) };
      case "arithmetic":
        return {
          kind: "arithmetic",
          op: node.op,
          left: this.operand(node.left),
          right: this.operand(node.right),
        };
    }
  }
}

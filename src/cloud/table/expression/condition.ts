import { compareValues } from "../value-compare.ts";
import type { Item } from "../values.ts";
import type { ConditionNode } from "./ast.ts";
import { ConditionChecker, type ConditionTree } from "./condition-check.ts";
import { evaluateTree } from "./condition-eval.ts";
import type { ExpressionContext } from "./context.ts";
import type { ExpressionParameter } from "./errors.ts";
import { invalidExpression } from "./errors.ts";
import { ParseCache } from "./parse-cache.ts";
import { parseCondition } from "./parse-condition.ts";
import { checkLimits, type Operand, Resolver } from "./resolve.ts";
import { TokenStream } from "./token-stream.ts";
import { checkWalk, eventPaths, operandEvents, type WalkEvent } from "./walk.ts";

declare const conditionBrand: unique symbol;
/** A compiled ConditionExpression or FilterExpression (opaque; evaluate with {@link evaluateCondition}). */
export type Condition = { readonly [conditionBrand]: true };

function collect(node: ConditionNode, out: WalkEvent[]): void {
  switch (node.kind) {
    case "and":
    case "or":
      collect(node.left, out);
      collect(node.right, out);
      return;
    case "not":
      collect(node.operand, out);
      return;
    case "function":
      operandEvents(node.call, out, true);
      return;
    case "compare":
      operandEvents(node.left, out);
      operandEvents(node.right, out);
      return;
    case "between":
      for (const o of [node.operand, node.low, node.high]) operandEvents(o, out);
      return;
    case "in":
      for (const o of [node.operand, ...node.list]) operandEvents(o, out);
  }
}

/** Operators of the condition itself; function calls are counted separately. */
function countOperators(node: ConditionNode): number {
  switch (node.kind) {
    case "and":
    case "or":
      return 1 + countOperators(node.left) + countOperators(node.right);
    case "not":
      return 1 + countOperators(node.operand);
    case "function":
      return 0;
    default:
      return 1;
  }
}

function build(node: ConditionNode, resolver: Resolver, checker: ConditionChecker): ConditionTree {
  switch (node.kind) {
    case "and":
    case "or":
      return {
        kind: node.kind,
        left: build(node.left, resolver, checker),
        right: build(node.right, resolver, checker),
      };
    case "not":
      return { kind: "not", operand: build(node.operand, resolver, checker) };
    case "function": {
      const args = node.call.args.map((a) => resolver.operand(a));
      checker.function(node.call.name.text, args);
      return { kind: "function", name: node.call.name.text, args };
    }
    case "compare": {
      const left = resolver.operand(node.left);
      const right = resolver.operand(node.right);
      checker.compare(node.op, left, right);
      return { kind: "compare", op: node.op, left, right };
    }
    case "between": {
      const [operand, low, high] = [node.operand, node.low, node.high].map((o) => resolver.operand(o)) as [
        ReturnType<Resolver["operand"]>,
        ReturnType<Resolver["operand"]>,
        ReturnType<Resolver["operand"]>,
      ];
      checker.between(operand, low, high, compareValues);
      return { kind: "between", operand, low, high };
    }
    case "in": {
      const operand = resolver.operand(node.operand);
      const list = node.list.map((o) => resolver.operand(o));
      checker.in(operand, list);
      return { kind: "in", operand, list };
    }
  }
}

/**
 * Parses and checks a condition into a tree, in DynamoDB's order of complaints: syntax, redundant
 * parentheses, function names, reserved words, then placeholders and operand rules left to right.
 * Shared with KeyConditionExpression.
 *
 * @example compileConditionTree("pk = :p", ctx, "KeyConditionExpression")
 */
export function compileConditionTree(
  expression: string,
  ctx: ExpressionContext,
  parameter: ExpressionParameter,
): ConditionTree {
  // The checks up to here depend on the text alone, so a text that passed once passes again.
  const node = parsed.get(expression, () => parseChecked(expression, parameter));
  return build(node, new Resolver(ctx, parameter), new ConditionChecker(parameter));
}

const parsed = new ParseCache<ConditionNode>();

function parseChecked(expression: string, parameter: ExpressionParameter): ConditionNode {
  const stream = new TokenStream(expression, parameter);
  const node = parseCondition(stream);
  if (stream.redundantParentheses)
    throw invalidExpression(parameter, "The expression has redundant parentheses;");
  const events: WalkEvent[] = [];
  collect(node, events);
  checkWalk(parameter, events, "condition");
  const calls = events.filter((e) => e.kind === "call").length;
  checkLimits(parameter, eventPaths(events), countOperators(node) + calls);
  return node;
}

/**
 * Compiles a ConditionExpression or FilterExpression, throwing DynamoDB's ValidationException
 * (`Invalid ConditionExpression: ...`) for anything DynamoDB rejects before reading the item.
 *
 * @example
 * const ctx = new ExpressionContext(undefined, { ":min": { N: "5" } });
 * const c = compileCondition("qty >= :min AND attribute_exists(sku)", ctx, "ConditionExpression");
 */
export function compileCondition(
  expression: string,
  ctx: ExpressionContext,
  parameterName: "ConditionExpression" | "FilterExpression",
): Condition {
  return compileConditionTree(expression, ctx, parameterName) as unknown as Condition;
}

/**
 * Evaluates a compiled condition against an item (`undefined`: the item does not exist, so every
 * path is missing). Comparing values of different types is false, never an error.
 *
 * @example evaluateCondition(c, { sku: { S: "x" }, qty: { N: "7" } }) // true
 */
export function evaluateCondition(condition: Condition, item: Item | undefined): boolean {
  return evaluateTree(condition as unknown as ConditionTree, item ?? {});
}

function namesIn(tree: ConditionTree, out: string[]): void {
  const operand = (o: Operand): void => {
    if (o.kind === "path") out.push(o.path[0] as string);
    else if (o.kind === "call") for (const arg of o.args) operand(arg);
  };
  switch (tree.kind) {
    case "and":
    case "or":
      namesIn(tree.left, out);
      namesIn(tree.right, out);
      return;
    case "not":
      namesIn(tree.operand, out);
      return;
    case "function":
      tree.args.forEach(operand);
      return;
    case "compare":
      operand(tree.left);
      operand(tree.right);
      return;
    case "between":
      [tree.operand, tree.low, tree.high].forEach(operand);
      return;
    case "in":
      [tree.operand, ...tree.list].forEach(operand);
  }
}

/**
 * The top-level attribute names a condition reads, in source order, without repeats. Query uses
 * it to refuse a FilterExpression on key attributes, as DynamoDB does ("Filter Expression can
 * only contain non-primary key attributes: Primary key attribute: sk"); Scan allows them.
 *
 * @example conditionTopLevelNames(compileCondition("a.b = :v AND size(c) > :n", ctx, "FilterExpression")) // ["a", "c"]
 */
export function conditionTopLevelNames(condition: Condition): string[] {
  const out: string[] = [];
  namesIn(condition as unknown as ConditionTree, out);
  return [...new Set(out)];
}

import type { CallNode, OperandNode, PathNode, UpdateSection } from "./ast.ts";
import { type ExpressionParameter, invalidExpression } from "./errors.ts";
import { isReservedWord } from "./reserved-words.ts";

/** Something DynamoDB checks while walking the parsed expression in source order. */
export type WalkEvent =
  | { readonly kind: "path"; readonly node: PathNode }
  | { readonly kind: "call"; readonly node: CallNode; readonly asCondition: boolean }
  | { readonly kind: "sectionEnd"; readonly section: UpdateSection };

/**
 * Functions of the condition grammar and of the update grammar.
 *
 * @example CONDITION_FUNCTIONS.has("size") // true
 */
export const CONDITION_FUNCTIONS = new Set([
  "attribute_exists",
  "attribute_not_exists",
  "attribute_type",
  "begins_with",
  "contains",
  "size",
]);
/**
 * Functions of the update grammar.
 *
 * @example UPDATE_FUNCTIONS.has("list_append") // true
 */
export const UPDATE_FUNCTIONS = new Set(["if_not_exists", "list_append"]);

/**
 * The events of an operand in source order (a call before its arguments).
 *
 * @example operandEvents(sizeCallNode, events) // pushes the call, then its path
 */
export function operandEvents(node: OperandNode, out: WalkEvent[], asCondition = false): void {
  if (node.kind === "path") out.push({ kind: "path", node });
  else if (node.kind === "call") {
    out.push({ kind: "call", node, asCondition });
    for (const arg of node.args) operandEvents(arg, out);
  } else if (node.kind === "arithmetic") {
    operandEvents(node.left, out);
    operandEvents(node.right, out);
  }
}

/**
 * The paths among the events, in source order.
 *
 * @example eventPaths(events) // the PathNodes, in source order
 */
export function eventPaths(events: readonly WalkEvent[]): PathNode[] {
  return events.flatMap((e) => (e.kind === "path" ? [e.node] : []));
}

function checkCall(
  parameter: ExpressionParameter,
  call: CallNode,
  asCondition: boolean,
  grammar: "condition" | "update",
): void {
  const name = call.name.text;
  const own = grammar === "condition" ? CONDITION_FUNCTIONS : UPDATE_FUNCTIONS;
  const other = grammar === "condition" ? UPDATE_FUNCTIONS : CONDITION_FUNCTIONS;
  if (other.has(name)) {
    const where = grammar === "condition" ? "a condition expression" : "an update expression";
    throw invalidExpression(parameter, `The function is not allowed in ${where}; function: ${name}`);
  }
  if (!own.has(name)) throw invalidExpression(parameter, `Invalid function name; function: ${name}`);
  // In a condition, size() yields a value and the others yield conditions.
  if (grammar === "condition" && asCondition === (name === "size")) {
    throw invalidExpression(
      parameter,
      `The function is not allowed to be used this way in an expression; function: ${name}`,
    );
  }
}

/**
 * The checks DynamoDB makes in one walk over the parsed expression, in source order (as DynamoDB
 * Local shows: `name = :v AND foo(a)` reports the reserved word, `foo(a) AND name = :v` the
 * function): function names and their placement, reserved words used as bare attribute names,
 * and a repeated UpdateExpression section (checked when the section ends).
 *
 * @example checkWalk("ConditionExpression", events, "condition") // throws for `name = :v`
 */
export function checkWalk(
  parameter: ExpressionParameter,
  events: readonly WalkEvent[],
  grammar: "condition" | "update",
): void {
  const seen = new Set<UpdateSection>();
  for (const event of events) {
    if (event.kind === "call") checkCall(parameter, event.node, event.asCondition, grammar);
    else if (event.kind === "sectionEnd") {
      if (seen.has(event.section)) {
        throw invalidExpression(
          parameter,
          `The "${event.section}" section can only be used once in an update expression;`,
        );
      }
      seen.add(event.section);
    } else {
      for (const step of event.node.steps) {
        if (step.kind === "name" && step.token.kind === "identifier" && isReservedWord(step.token.text)) {
          throw invalidExpression(
            parameter,
            `Attribute name is a reserved keyword; reserved keyword: ${step.token.text}`,
          );
        }
      }
    }
  }
}

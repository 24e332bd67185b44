import { attributeType } from "../value-compare.ts";
import type { AttributeValue } from "../values.ts";
import type { UpdateActionNode } from "./ast.ts";
import type { ExpressionContext } from "./context.ts";
import { type DocumentPath, pathClash } from "./document-path.ts";
import { invalidExpression } from "./errors.ts";
import { ParseCache } from "./parse-cache.ts";
import { parseUpdate, type UpdateClause } from "./parse-update.ts";
import { checkLimits, type Operand, Resolver } from "./resolve.ts";
import { TokenStream } from "./token-stream.ts";
import { UpdateValueChecker } from "./update-check.ts";
import { checkWalk, eventPaths, operandEvents, type WalkEvent } from "./walk.ts";

/** One resolved action of an UpdateExpression. */
export type UpdateAction =
  | { readonly kind: "SET"; readonly path: DocumentPath; readonly value: Operand }
  | { readonly kind: "REMOVE"; readonly path: DocumentPath }
  | { readonly kind: "ADD" | "DELETE"; readonly path: DocumentPath; readonly value: AttributeValue };

declare const planBrand: unique symbol;
/** A compiled UpdateExpression (opaque; apply with `applyUpdate`). */
export type UpdatePlan = { readonly [planBrand]: true };

/**
 * The actions behind an UpdatePlan, in source order.
 *
 * @example planActions(compileUpdate("REMOVE a", ctx)) // [{ kind: "REMOVE", path: ["a"] }]
 */
export function planActions(plan: UpdatePlan): readonly UpdateAction[] {
  return plan as unknown as readonly UpdateAction[];
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  S: "STRING",
  N: "NUMBER",
  B: "BINARY",
  BOOL: "BOOLEAN",
  NULL: "NULL",
  L: "LIST",
  M: "MAP",
  SS: "STRING_SET",
  NS: "NUMBER_SET",
  BS: "BINARY_SET",
};
const ADD_TYPES = new Set(["N", "SS", "NS", "BS"]);
const DELETE_TYPES = new Set(["SS", "NS", "BS"]);

function checkSetOperandType(section: "ADD" | "DELETE", value: AttributeValue): void {
  const type = attributeType(value);
  if ((section === "ADD" ? ADD_TYPES : DELETE_TYPES).has(type)) return;
  throw invalidExpression(
    "UpdateExpression",
    `Incorrect operand type for operator or function; operator: ${section}, operand type: ${TYPE_WORDS[type]}, typeSet: ALLOWED_FOR_${section}_OPERAND`,
  );
}

/**
 * Compiles an UpdateExpression, throwing DynamoDB's ValidationException (`Invalid
 * UpdateExpression: ...`) for syntax errors, repeated sections, functions used where DynamoDB
 * forbids them, wrongly typed `:values`, undefined placeholders and overlapping or conflicting
 * paths.
 *
 * @example
 * const ctx = new ExpressionContext(undefined, { ":one": { N: "1" } });
 * const plan = compileUpdate("SET hits = if_not_exists(hits, :one) + :one REMOVE draft", ctx);
 */
export function compileUpdate(expression: string, ctx: ExpressionContext): UpdatePlan {
  const clauses = parsed.get(expression, () => parseChecked(expression));
  // Actions are checked last to first (DynamoDB Local reports the last offending action): first
  // every path (undefined #names, then clashes with the paths after it), then every value.
  const resolver = new Resolver(ctx, "UpdateExpression");
  const checker = new UpdateValueChecker();
  const actions = clauses.flatMap((clause) => clause.actions).reverse();
  const paths: DocumentPath[] = [];
  for (const action of actions) {
    const path = resolver.path(action.path);
    const clash = pathClash(path, paths);
    if (clash !== undefined) throw invalidExpression("UpdateExpression", clash);
    paths.push(path);
  }
  const resolved = actions.map((action, i) =>
    resolveAction(action, paths[i] as DocumentPath, resolver, checker),
  );
  return resolved.reverse() as unknown as UpdatePlan;
}

const parsed = new ParseCache<UpdateClause[]>();

/** Parsing and the checks that depend on the text alone (so a text that passed once passes again). */
function parseChecked(expression: string): UpdateClause[] {
  const stream = new TokenStream(expression, "UpdateExpression");
  const clauses = parseUpdate(stream);
  if (stream.redundantParentheses) {
    throw invalidExpression("UpdateExpression", "The expression has redundant parentheses;");
  }
  const events: WalkEvent[] = [];
  for (const clause of clauses) {
    for (const action of clause.actions) {
      events.push({ kind: "path", node: action.path });
      if (action.kind === "SET") operandEvents(action.value, events);
    }
    events.push({ kind: "sectionEnd", section: clause.section });
  }
  checkWalk("UpdateExpression", events, "update");
  checkLimits("UpdateExpression", eventPaths(events));
  return clauses;
}

function resolveAction(
  action: UpdateActionNode,
  path: DocumentPath,
  resolver: Resolver,
  checker: UpdateValueChecker,
): UpdateAction {
  if (action.kind === "REMOVE") return { kind: "REMOVE", path };
  if (action.kind === "SET") {
    const value = resolver.operand(action.value);
    checker.top(value);
    return { kind: "SET", path, value };
  }
  const value = resolver.value(action.value.token);
  checkSetOperandType(action.kind, value);
  return { kind: action.kind, path, value };
}

/**
 * Top-level attribute names an update modifies, so the engine can refuse key attributes
 * ("Cannot update attribute pk. This attribute is part of the key").
 *
 * @example updatedTopLevelNames(compileUpdate("SET a.b = :v REMOVE c", ctx)) // ["a", "c"]
 */
export function updatedTopLevelNames(plan: UpdatePlan): string[] {
  return [...new Set(planActions(plan).map((a) => a.path[0] as string))];
}

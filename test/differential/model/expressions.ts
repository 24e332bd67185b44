/**
 * Expression ASTs for generated requests (condition/filter, update, projection) and their
 * rendering to DynamoDB's syntax, with placeholders collected in an {@link ExpressionContext}.
 * The arbitraries that generate them are in expression-arbitraries.ts.
 */
import type { AttributeValue } from "./values.ts";

/** An attribute path: a top-level name, then map fields and list indexes. */
export interface Path {
  readonly name: string;
  readonly sub: readonly (string | number)[];
}

/** A comparison operator of the expression language. */
export type Comparator = "=" | "<>" | "<" | "<=" | ">" | ">=";

/** A condition (or filter) expression. */
export type Condition =
  | { readonly kind: "compare"; readonly path: Path; readonly op: Comparator; readonly value: AttributeValue }
  | {
      readonly kind: "between";
      readonly path: Path;
      readonly low: AttributeValue;
      readonly high: AttributeValue;
    }
  | { readonly kind: "in"; readonly path: Path; readonly values: readonly AttributeValue[] }
  | { readonly kind: "exists"; readonly path: Path; readonly negated: boolean }
  | { readonly kind: "type"; readonly path: Path; readonly type: string }
  | {
      readonly kind: "function";
      readonly fn: "begins_with" | "contains";
      readonly path: Path;
      readonly value: AttributeValue;
    }
  | { readonly kind: "size"; readonly path: Path; readonly op: Comparator; readonly value: AttributeValue }
  | { readonly kind: "and" | "or"; readonly left: Condition; readonly right: Condition }
  | { readonly kind: "not"; readonly inner: Condition };

/** One SET action's right-hand side. */
export type SetValue =
  | { readonly kind: "value"; readonly value: AttributeValue }
  | { readonly kind: "path"; readonly path: Path }
  | { readonly kind: "plus" | "minus"; readonly path: Path; readonly value: AttributeValue }
  | { readonly kind: "if_not_exists"; readonly path: Path; readonly value: AttributeValue }
  | {
      readonly kind: "list_append";
      readonly path: Path;
      readonly value: AttributeValue;
      readonly pathFirst: boolean;
    };

/** An update expression: its four clauses (empty ones are left out). */
export interface Update {
  readonly set: readonly { readonly path: Path; readonly value: SetValue }[];
  readonly remove: readonly Path[];
  readonly add: readonly { readonly path: Path; readonly value: AttributeValue }[];
  readonly delete: readonly { readonly path: Path; readonly value: AttributeValue }[];
}

/** Collects placeholders while rendering, so every request uses exactly the names and values it needs. */
export class ExpressionContext {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  name(attributeName: string): string {
    const existing = Object.entries(this.names).find(([, name]) => name === attributeName);
    if (existing !== undefined) return existing[0];
    const placeholder = `#n${String(Object.keys(this.names).length)}`;
    this.names[placeholder] = attributeName;
    return placeholder;
  }

  value(attributeValue: AttributeValue): string {
    const placeholder = `:v${String(Object.keys(this.values).length)}`;
    this.values[placeholder] = attributeValue;
    return placeholder;
  }

  /** The ExpressionAttributeNames/Values members for the request (absent when empty). */
  members(): Record<string, unknown> {
    return {
      ...(Object.keys(this.names).length === 0 ? {} : { ExpressionAttributeNames: this.names }),
      ...(Object.keys(this.values).length === 0 ? {} : { ExpressionAttributeValues: this.values }),
    };
  }
}

/** Renders a path with a placeholder for every name part. */
export function renderPath(path: Path, context: ExpressionContext): string {
  let text = context.name(path.name);
  for (const part of path.sub)
    text += typeof part === "number" ? `[${String(part)}]` : `.${context.name(part)}`;
  return text;
}

/** Renders a condition, parenthesising every compound part. */
export function renderCondition(condition: Condition, context: ExpressionContext): string {
  const p = (path: Path): string => renderPath(path, context);
  const v = (value: AttributeValue): string => context.value(value);
  switch (condition.kind) {
    case "compare":
      return `${p(condition.path)} ${condition.op} ${v(condition.value)}`;
    case "between":
      return `${p(condition.path)} BETWEEN ${v(condition.low)} AND ${v(condition.high)}`;
    case "in":
      return `${p(condition.path)} IN (${condition.values.map(v).join(", ")})`;
    case "exists":
      return `${condition.negated ? "attribute_not_exists" : "attribute_exists"}(${p(condition.path)})`;
    case "type":
      return `attribute_type(${p(condition.path)}, ${v({ S: condition.type })})`;
    case "function":
      return `${condition.fn}(${p(condition.path)}, ${v(condition.value)})`;
    case "size":
      return `size(${p(condition.path)}) ${condition.op} ${v(condition.value)}`;
    case "and":
    case "or":
      return `(${renderCondition(condition.left, context)}) ${condition.kind.toUpperCase()} (${renderCondition(condition.right, context)})`;
    case "not":
      return `NOT (${renderCondition(condition.inner, context)})`;
  }
}

function renderSetValue(value: SetValue, context: ExpressionContext): string {
  switch (value.kind) {
    case "value":
      return context.value(value.value);
    case "path":
      return renderPath(value.path, context);
    case "plus":
    case "minus":
      return `${renderPath(value.path, context)} ${value.kind === "plus" ? "+" : "-"} ${context.value(value.value)}`;
    case "if_not_exists":
      return `if_not_exists(${renderPath(value.path, context)}, ${context.value(value.value)})`;
    case "list_append": {
      const [first, second] = [renderPath(value.path, context), context.value(value.value)];
      return value.pathFirst ? `list_append(${first}, ${second})` : `list_append(${second}, ${first})`;
    }
  }
}

/** Renders an update expression; an update with no actions renders as "" (which DynamoDB rejects). */
export function renderUpdate(update: Update, context: ExpressionContext): string {
  const clauses: string[] = [];
  const set = update.set.map((a) => `${renderPath(a.path, context)} = ${renderSetValue(a.value, context)}`);
  if (set.length > 0) clauses.push(`SET ${set.join(", ")}`);
  if (update.remove.length > 0)
    clauses.push(`REMOVE ${update.remove.map((p) => renderPath(p, context)).join(", ")}`);
  const pairs = (actions: Update["add"]): string =>
    actions.map((a) => `${renderPath(a.path, context)} ${context.value(a.value)}`).join(", ");
  if (update.add.length > 0) clauses.push(`ADD ${pairs(update.add)}`);
  if (update.delete.length > 0) clauses.push(`DELETE ${pairs(update.delete)}`);
  return clauses.join(" ");
}

import { validationError } from "../../aws-error.ts";
import { attributeType } from "../value-compare.ts";
import type { AttributeValue } from "../values.ts";
import { compileConditionTree } from "./condition.ts";
import type { ConditionTree } from "./condition-check.ts";
import type { ExpressionContext } from "./context.ts";
import type { DocumentPath } from "./document-path.ts";
import type { Operand } from "./resolve.ts";

/** The sort-key operators a KeyConditionExpression may use. */
export type KeyOperator = "=" | "<" | "<=" | ">" | ">=" | "BETWEEN" | "begins_with";

/** A compiled KeyConditionExpression: the partition value and an optional sort-key range. */
export interface KeyCondition {
  partitionValue: AttributeValue;
  sort?: { op: KeyOperator; values: AttributeValue[] };
}

/** The key schema of the table or index queried; types enable DynamoDB's type-mismatch check. */
export interface KeySchemaNames {
  partition: string;
  sort?: string;
  partitionType?: "S" | "N" | "B";
  sortType?: "S" | "N" | "B";
}

const FLIPPED: Readonly<Record<string, KeyOperator>> = {
  "=": "=",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

function invalidOperator(op: string): never {
  throw validationError(`Invalid operator used in KeyConditionExpression: ${op}`);
}

/** One `attribute op values` term, attribute checked to be a plain top-level name. */
interface Term {
  readonly name: string;
  readonly op: KeyOperator;
  readonly values: AttributeValue[];
}

function keyName(operand: Operand): string {
  if (operand.kind === "call")
    throw validationError("KeyConditionExpressions cannot contain nested operations");
  if (operand.kind !== "path")
    throw validationError("Invalid condition in KeyConditionExpression: No key attribute specified");
  const [first] = operand.path;
  if (operand.path.length > 1) {
    throw validationError(
      `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${first}`,
    );
  }
  return first as string;
}

function constant(operand: Operand): AttributeValue {
  if (operand.kind === "call")
    throw validationError("KeyConditionExpressions cannot contain nested operations");
  if (operand.kind === "path") {
    throw validationError(
      "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
    );
  }
  return (operand as { value: AttributeValue }).value;
}

function term(tree: ConditionTree): Term {
  switch (tree.kind) {
    case "and":
    case "or":
    case "not":
      return invalidOperator(tree.kind.toUpperCase());
    case "in":
      return invalidOperator("IN");
    case "compare": {
      if (tree.op === "<>") invalidOperator("<>");
      if (tree.left.kind === "call" || tree.right.kind === "call") {
        throw validationError("KeyConditionExpressions cannot contain nested operations");
      }
      const leftIsKey = tree.left.kind === "path";
      const name = keyName(leftIsKey ? tree.left : tree.right);
      const value = constant(leftIsKey ? tree.right : tree.left);
      return { name, op: leftIsKey ? tree.op : (FLIPPED[tree.op] as KeyOperator), values: [value] };
    }
    case "between":
      if (tree.operand.kind === "value") {
        throw validationError(
          "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
        );
      }
      return {
        name: keyName(tree.operand),
        op: "BETWEEN",
        values: [constant(tree.low), constant(tree.high)],
      };
    case "function": {
      if (tree.name !== "begins_with") invalidOperator(tree.name);
      const [first, second] = tree.args as [Operand, Operand];
      if (first.kind !== "path") {
        throw validationError(
          "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
        );
      }
      return { name: keyName(first), op: "begins_with", values: [constant(second)] };
    }
  }
}

function operandPaths(operand: Operand): DocumentPath[] {
  if (operand.kind === "path") return [operand.path];
  return operand.kind === "call" ? operand.args.flatMap(operandPaths) : [];
}

/** Every path in a condition, in source order. */
function treePaths(tree: ConditionTree): DocumentPath[] {
  switch (tree.kind) {
    case "and":
    case "or":
      return [...treePaths(tree.left), ...treePaths(tree.right)];
    case "not":
      return treePaths(tree.operand);
    case "function":
      return tree.args.flatMap(operandPaths);
    case "compare":
      return [tree.left, tree.right].flatMap(operandPaths);
    case "between":
      return [tree.operand, tree.low, tree.high].flatMap(operandPaths);
    case "in":
      return [tree.operand, ...tree.list].flatMap(operandPaths);
  }
}

function terms(tree: ConditionTree): Term[] {
  if (tree.kind === "and") return [...terms(tree.left), ...terms(tree.right)];
  return [term(tree)];
}

function checkValues(name: string, type: string | undefined, values: readonly AttributeValue[]): void {
  for (const value of values) {
    if (type !== undefined && attributeType(value) !== type) {
      throw validationError(
        "One or more parameter values were invalid: Condition parameter type does not match schema type",
      );
    }
    if (("S" in value && value.S === "") || ("B" in value && value.B.length === 0)) {
      throw validationError(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${"S" in value ? "string" : "binary"} value. Key: ${name}`,
      );
    }
  }
}

/**
 * Compiles a KeyConditionExpression for a table or index with the given key schema: `pk = :v`,
 * optionally `AND` one sort-key condition (=, <, <=, >, >=, BETWEEN, begins_with; `:v < sk` is
 * read as `sk > :v`). Throws DynamoDB's ValidationExceptions. The real service names the missing
 * element ("Query condition missed key schema element: Id", as users report from AWS in
 * github.com/dynamoose/dynamoose issue 353); DynamoDB Local omits the name; we follow the service.
 *
 * @example compileKeyCondition("pk = :p AND begins_with(sk, :s)", ctx, { partition: "pk", sort: "sk" })
 */
export function compileKeyCondition(
  expression: string,
  ctx: ExpressionContext,
  key: KeySchemaNames,
): KeyCondition {
  return keyConditionFor(parseKeyCondition(expression, ctx), key);
}

declare const parsedKeyBrand: unique symbol;
/** A KeyConditionExpression that parsed and resolved, before the key-schema checks. */
export type ParsedKeyCondition = { readonly [parsedKeyBrand]: true };

/**
 * First half of {@link compileKeyCondition}: syntax, placeholders and operand checks. DynamoDB
 * reports unused ExpressionAttributeValues before key-schema problems (DynamoDB Local answers
 * `pk = size(sk)` with an unused-value error), so an engine that wants that exact order calls
 * this, then `ctx.assertAllUsed()`, then {@link keyConditionFor}.
 *
 * @example const parsed = parseKeyCondition("pk = :p", ctx); ctx.assertAllUsed();
 */
export function parseKeyCondition(expression: string, ctx: ExpressionContext): ParsedKeyCondition {
  return compileConditionTree(expression, ctx, "KeyConditionExpression") as unknown as ParsedKeyCondition;
}

/**
 * Second half of {@link compileKeyCondition}: checks a parsed key condition against the key schema.
 *
 * @example keyConditionFor(parsed, { partition: "pk", sort: "sk" }).partitionValue
 */
export function keyConditionFor(parsed: ParsedKeyCondition, key: KeySchemaNames): KeyCondition {
  const tree = parsed as unknown as ConditionTree;
  // DynamoDB rejects a nested path anywhere before it looks at the operators, naming the
  // partition key first, then the sort key (DynamoDB Local).
  const nested = treePaths(tree)
    .filter((path) => path.length > 1)
    .map((path) => path[0] as string);
  const named =
    [key.partition, key.sort].find((name) => name !== undefined && nested.includes(name)) ?? nested[0];
  if (named !== undefined) {
    throw validationError(
      `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${named}`,
    );
  }
  const all = terms(tree);
  const seen = new Set<string>();
  for (const t of all) {
    if (seen.has(t.name))
      throw validationError("KeyConditionExpressions must only contain one condition per key");
    seen.add(t.name);
  }
  const missed = (name: string): never => {
    throw validationError(`Query condition missed key schema element: ${name}`);
  };
  const partition = all.find((t) => t.name === key.partition) ?? missed(key.partition);
  const sort = all.find((t) => t.name !== key.partition);
  if (sort !== undefined && sort.name !== key.sort) missed(key.sort ?? key.partition);
  if (partition.op !== "=") throw validationError("Query key condition not supported");
  checkValues(key.partition, key.partitionType, partition.values);
  if (sort === undefined) return { partitionValue: partition.values[0] as AttributeValue };
  checkValues(sort.name, key.sortType, sort.values);
  return {
    partitionValue: partition.values[0] as AttributeValue,
    sort: { op: sort.op, values: sort.values },
  };
}

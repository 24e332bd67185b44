import { validationError } from "../errors.ts";
import type { Condition, ExpressionContext, Projection } from "../expression/index.ts";
import { compileCondition, compileProjection, projectionPaths } from "../expression/index.ts";
import type { GsiState } from "../gsi.ts";
import { keyNames } from "../keys.ts";
import type { KeySchema } from "../model.ts";
import type { Input } from "../request.ts";
import { checkName, optionalBoolean, optionalEnum, optionalInteger, optionalString } from "../request.ts";
import type { Table } from "../table.ts";

/** What Query and Scan return per item. */
export type Select = "ALL_ATTRIBUTES" | "ALL_PROJECTED_ATTRIBUTES" | "SPECIFIC_ATTRIBUTES" | "COUNT";

/** The parameters Query and Scan share, checked. */
export interface ReadParams {
  readonly table: Table;
  /** The GSI read, when IndexName is given. */
  readonly index: GsiState | undefined;
  /** The key schema of what is read: the table's or the index's. */
  readonly keys: KeySchema;
  /** Attribute names of an ExclusiveStartKey / LastEvaluatedKey: index keys then table keys. */
  readonly cursorNames: readonly string[];
  readonly limit: number | undefined;
  readonly select: Select;
  readonly consistent: boolean;
  readonly filter: Condition | undefined;
  readonly projection: Projection | undefined;
}

/**
 * The GSI named by IndexName, if any; an unknown name is DynamoDB's ValidationException. Scan
 * checks it before anything else (probe against DynamoDB Local: an unknown index is reported
 * before Limit 0 and before ExpressionAttributeNames without an expression; Query reports Limit
 * first).
 *
 * @example readIndex(table, { IndexName: "byStatus" });
 */
export function readIndex(table: Table, input: Input): GsiState | undefined {
  const name = optionalString(input, "IndexName");
  if (name === undefined) return undefined;
  checkName(name);
  const index = table.indexes.get(name);
  if (index === undefined) {
    // LSIs are rejected at CreateTable, so every index here is a GSI.
    throw validationError(`The table does not have the specified index: ${name}`);
  }
  return index;
}

function readSelectValue(input: Input): Select | undefined {
  return optionalEnum(
    input,
    "Select",
    ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"] as const,
    "Select must be ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT, or SPECIFIC_ATTRIBUTES",
  );
}

/**
 * Checks Select against the index and the ProjectionExpression. DynamoDB Local does so after
 * every expression, the unused placeholders and the ExclusiveStartKey (probe: Select
 * ALL_ATTRIBUTES with a ProjectionExpression and a FilterExpression syntax error is refused for
 * the syntax error), so Query and Scan call it late.
 *
 * @example checkSelect(input, params);
 */
export function checkSelect(input: Input, params: ReadParams): void {
  readSelect(input, params.index, params.projection !== undefined);
}

function readSelect(input: Input, index: GsiState | undefined, hasProjection: boolean): Select {
  const select = readSelectValue(input);
  if (select === "ALL_PROJECTED_ATTRIBUTES" && index === undefined) {
    // Worded "Querying" for Scan too, as DynamoDB Local words it.
    throw validationError("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  }
  if (select === "SPECIFIC_ATTRIBUTES" && !hasProjection) {
    throw validationError(
      "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
    );
  }
  if (select === "COUNT" && hasProjection) {
    throw validationError("Cannot specify the ProjectionExpression when choosing to get only the Count");
  }
  if (select === "ALL_ATTRIBUTES" && hasProjection) {
    throw validationError("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
  }
  if (select === "ALL_ATTRIBUTES" && index !== undefined && index.definition.projection.type !== "ALL") {
    throw validationError(
      `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.definition.indexName} because its projection type is not ALL`,
    );
  }
  if (select !== undefined) return select;
  if (hasProjection) return "SPECIFIC_ATTRIBUTES";
  return index === undefined ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES";
}

/** A ProjectionExpression on a GSI may only name attributes the index projects. */
function checkProjected(index: GsiState, projection: Projection): void {
  const def = index.definition;
  if (def.projection.type === "ALL") return;
  const projected = new Set([
    ...keyNames(def.keys),
    ...keyNames(index.tableKeys),
    ...(def.projection.nonKeyAttributes ?? []),
  ]);
  const missing = [...new Set(projectionPaths(projection).map((path) => String(path[0])))].filter(
    (name) => !projected.has(name),
  );
  if (missing.length > 0) {
    throw validationError(
      `One or more parameter values were invalid: Global secondary index ${def.indexName} does not project [${missing.join(", ")}]`,
    );
  }
}

/**
 * Reads the parameters Query and Scan share, except the checks of Select against the rest
 * ({@link checkSelect}, which the caller makes late). `verb` is "Querying" or "Scanning", as DynamoDB's
 * messages say; `exprs` are the request's expression texts.
 *
 * @example const params = readReadParams(table, input, "Scanning", expressions, ctx);
 */
export function readReadParams(
  table: Table,
  input: Input,
  verb: "Querying" | "Scanning",
  exprs: Readonly<Record<string, string>>,
  ctx: ExpressionContext,
): ReadParams {
  // Limit before IndexName (probe: Limit 0 and an unknown index are refused for the Limit).
  const limit = optionalInteger(input, "Limit");
  if (limit !== undefined && limit < 1) throw validationError("Limit must be greater than or equal to 1");
  const index = readIndex(table, input);
  const projectionText = exprs.ProjectionExpression;
  const value = readSelectValue(input);
  const select =
    value ??
    (projectionText !== undefined
      ? "SPECIFIC_ATTRIBUTES"
      : index === undefined
        ? "ALL_ATTRIBUTES"
        : "ALL_PROJECTED_ATTRIBUTES");
  const consistent = optionalBoolean(input, "ConsistentRead") ?? false;
  if (consistent && index !== undefined) {
    throw validationError(`Consistent read cannot be true when ${verb.toLowerCase()} a GSI`);
  }
  const filterText = exprs.FilterExpression;
  const filter = filterText === undefined ? undefined : compileCondition(filterText, ctx, "FilterExpression");
  const projection = projectionText === undefined ? undefined : compileProjection(projectionText, ctx);
  if (projection !== undefined && index !== undefined) checkProjected(index, projection);
  const keys = index?.definition.keys ?? table.definition.keys;
  const cursorNames = [...new Set([...keyNames(keys), ...keyNames(table.definition.keys)])];
  return { table, index, keys, cursorNames, limit, select, consistent, filter, projection };
}

import { validationError } from "./errors.ts";
import { ExpressionContext } from "./expression/index.ts";
import type { Input } from "./request.ts";
import { optionalRecord, optionalString } from "./request.ts";
import type { AttributeValue } from "./values.ts";

/**
 * The expression parameters of one request, before compilation: which expressions are present
 * and the placeholder maps they share.
 */
export interface ExpressionInputs {
  /** Expression text by parameter name (`ConditionExpression`, ...), for those present. */
  readonly expressions: Readonly<Record<string, string>>;
  readonly ctx: ExpressionContext;
}

/**
 * Reads a request's expressions and placeholder maps, with DynamoDB's checks on the maps: not
 * empty, and only given when some expression is. `fields` lists the expression parameters the
 * operation accepts; `valuesNullMessage` ends DynamoDB's message for values without expressions
 * ("ConditionExpression is null").
 *
 * @example
 * const { expressions, ctx } = readExpressionInputs(input, ["ConditionExpression"], "ConditionExpression is null");
 */
export function readExpressionInputs(
  input: Input,
  fields: readonly string[],
  valuesNullMessage: string,
): ExpressionInputs {
  const expressions: Record<string, string> = {};
  for (const field of fields) {
    const text = optionalString(input, field);
    if (text !== undefined) expressions[field] = text;
  }
  // The context checks the maps' contents; these are the checks that depend on the request.
  const names = optionalRecord(input, "ExpressionAttributeNames") as Record<string, string> | undefined;
  const values = optionalRecord(input, "ExpressionAttributeValues") as
    | Record<string, AttributeValue>
    | undefined;
  if (names !== undefined && Object.keys(names).length === 0) {
    throw validationError("ExpressionAttributeNames must not be empty");
  }
  if (values !== undefined && Object.keys(values).length === 0) {
    throw validationError("ExpressionAttributeValues must not be empty");
  }
  const none = Object.keys(expressions).length === 0;
  if (none && names !== undefined) {
    throw validationError("ExpressionAttributeNames can only be specified when using expressions");
  }
  // A ProjectionExpression cannot use values, so beside one the values still need an expression
  // that can (a Scan with only a ProjectionExpression is refused: "FilterExpression is null", as
  // DynamoDB Local answers and mhart/dynalite test/scan.js expects from the service).
  const valueFields = fields.filter((field) => field !== "ProjectionExpression");
  const noValueExpression =
    valueFields.length === 0 ? none : valueFields.every((field) => expressions[field] === undefined);
  if (noValueExpression && values !== undefined) {
    throw validationError(
      `ExpressionAttributeValues can only be specified when using expressions: ${valuesNullMessage}`,
    );
  }
  return { expressions, ctx: new ExpressionContext(names, values) };
}

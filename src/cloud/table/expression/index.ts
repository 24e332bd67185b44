/**
 * DynamoDB's expression language: ConditionExpression/FilterExpression, UpdateExpression,
 * ProjectionExpression and KeyConditionExpression, with ExpressionAttributeNames/Values, compiled
 * once per request and evaluated against items. Errors are DynamoDB's ValidationExceptions.
 */
export { type Condition, compileCondition, conditionTopLevelNames, evaluateCondition } from "./condition.ts";
export { ExpressionContext } from "./context.ts";
export { type DocumentPath, formatPath, valueAtPath } from "./document-path.ts";
/** The request parameter an expression came from, as DynamoDB names it in messages. */
export type { ExpressionParameter } from "./errors.ts";
export {
  compileKeyCondition,
  type KeyCondition,
  type KeyOperator,
  type KeySchemaNames,
  keyConditionFor,
  type ParsedKeyCondition,
  parseKeyCondition,
} from "./key-condition.ts";
export { compileProjection, type Projection, project, projectionPaths } from "./projection.ts";
export { isReservedWord } from "./reserved-words.ts";
export { selectPaths } from "./select.ts";
export {
  compileUpdate,
  planActions,
  type UpdateAction,
  type UpdatePlan,
  updatedTopLevelNames,
} from "./update.ts";
export { applyUpdate } from "./update-apply.ts";

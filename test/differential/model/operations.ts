/**
 * One generated request per DynamoDB item operation, as plain low-level SDK input.
 */
import fc from "fast-check";
import { conditionArb, projectionArb, updateArb } from "./expression-arbitraries.ts";
import {
  type Condition,
  ExpressionContext,
  type Path,
  renderCondition,
  renderPath,
  renderUpdate,
  type Update,
} from "./expressions.ts";
import { compact, itemArb, keyArb } from "./items.ts";
import { TABLE_NAME, type TableSchema } from "./schema.ts";

/** One request of a generated case. */
export interface Step {
  readonly operation: string;
  readonly input: Record<string, unknown>;
  /**
   * Query and Scan only: send the request again with each LastEvaluatedKey until the last page
   * (see run-case.ts); the outcome holds every page.
   */
  readonly followPages?: boolean;
}

/** An optional member: present about (freq-1) times in freq. */
export const opt = <T>(arbitrary: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined, freq });

/** The expression parts a request may carry; rendered together so placeholders are shared. */
export interface ExpressionParts {
  readonly condition?: Condition | undefined;
  readonly filter?: Condition | undefined;
  readonly update?: Update | undefined;
  readonly projection?: readonly Path[] | undefined;
}

/** Renders expression parts into request members (expressions plus their placeholders). */
export function renderParts(
  parts: ExpressionParts,
  context = new ExpressionContext(),
): Record<string, unknown> {
  const rendered = compact({
    UpdateExpression: parts.update === undefined ? undefined : renderUpdate(parts.update, context),
    ConditionExpression:
      parts.condition === undefined ? undefined : renderCondition(parts.condition, context),
    FilterExpression: parts.filter === undefined ? undefined : renderCondition(parts.filter, context),
    ProjectionExpression:
      parts.projection === undefined
        ? undefined
        : parts.projection.map((p) => renderPath(p, context)).join(", "),
  });
  return { ...rendered, ...context.members() };
}

/** ReturnValuesOnConditionCheckFailure, when present. */
export const returnValuesOnFailureArb = opt(fc.constantFrom("NONE", "ALL_OLD"), 4);

/** PutItem with an optional condition and return values. */
export function putItemArb(schema: TableSchema): fc.Arbitrary<Step> {
  return fc
    .record({
      item: itemArb(schema),
      condition: opt(conditionArb),
      returnValues: opt(fc.constantFrom("NONE", "ALL_OLD")),
      onFailure: returnValuesOnFailureArb,
    })
    .map(({ item, condition, returnValues, onFailure }) => ({
      operation: "PutItem",
      input: compact({
        TableName: TABLE_NAME,
        Item: item,
        ReturnValues: returnValues,
        ReturnValuesOnConditionCheckFailure: onFailure,
        ...renderParts({ condition }),
      }),
    }));
}

/** UpdateItem with an update expression (almost always), condition and every ReturnValues. */
export function updateItemArb(schema: TableSchema): fc.Arbitrary<Step> {
  return fc
    .record({
      key: keyArb(schema),
      update: opt(updateArb, 12),
      condition: opt(conditionArb),
      returnValues: opt(fc.constantFrom("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")),
      onFailure: returnValuesOnFailureArb,
    })
    .map(({ key, update, condition, returnValues, onFailure }) => ({
      operation: "UpdateItem",
      input: compact({
        TableName: TABLE_NAME,
        Key: key,
        ReturnValues: returnValues,
        ReturnValuesOnConditionCheckFailure: onFailure,
        ...renderParts({ update, condition }),
      }),
    }));
}

/** DeleteItem with an optional condition and return values. */
export function deleteItemArb(schema: TableSchema): fc.Arbitrary<Step> {
  return fc
    .record({
      key: keyArb(schema),
      condition: opt(conditionArb, 3),
      returnValues: opt(fc.constantFrom("NONE", "ALL_OLD")),
      onFailure: returnValuesOnFailureArb,
    })
    .map(({ key, condition, returnValues, onFailure }) => ({
      operation: "DeleteItem",
      input: compact({
        TableName: TABLE_NAME,
        Key: key,
        ReturnValues: returnValues,
        ReturnValuesOnConditionCheckFailure: onFailure,
        ...renderParts({ condition }),
      }),
    }));
}

/** GetItem with an optional projection and consistent read. */
export function getItemArb(schema: TableSchema): fc.Arbitrary<Step> {
  return fc
    .record({ key: keyArb(schema), projection: opt(projectionArb, 3), consistent: opt(fc.boolean()) })
    .map(({ key, projection, consistent }) => ({
      operation: "GetItem",
      input: compact({
        TableName: TABLE_NAME,
        Key: key,
        ConsistentRead: consistent,
        ...renderParts({ projection }),
      }),
    }));
}

/** BatchGetItem over one to three keys (duplicates now and then, which DynamoDB rejects). */
export function batchGetItemArb(schema: TableSchema): fc.Arbitrary<Step> {
  return fc
    .record({
      keys: fc.array(keyArb(schema), { minLength: 1, maxLength: 3 }),
      projection: opt(projectionArb, 4),
      consistent: opt(fc.boolean()),
    })
    .map(({ keys, projection, consistent }) => ({
      operation: "BatchGetItem",
      input: {
        RequestItems: {
          [TABLE_NAME]: compact({ Keys: keys, ConsistentRead: consistent, ...renderParts({ projection }) }),
        },
      },
    }));
}

/** BatchWriteItem with one to three puts and deletes. */
export function batchWriteItemArb(schema: TableSchema): fc.Arbitrary<Step> {
  const request = fc.oneof(
    itemArb(schema).map((Item) => ({ PutRequest: { Item } })),
    keyArb(schema).map((Key) => ({ DeleteRequest: { Key } })),
  );
  return fc.array(request, { minLength: 1, maxLength: 3 }).map((requests) => ({
    operation: "BatchWriteItem",
    input: { RequestItems: { [TABLE_NAME]: requests } },
  }));
}

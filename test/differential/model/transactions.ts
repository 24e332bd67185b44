/**
 * TransactWriteItems and TransactGetItems requests: several actions on the small key space, so
 * that conditions fail, items repeat (a ValidationException) and idempotency tokens are reused.
 */
import fc from "fast-check";
import { conditionArb, projectionArb, updateArb } from "./expression-arbitraries.ts";
import { compact, type Item, itemArb, keyArb } from "./items.ts";
import { opt, renderParts, returnValuesOnFailureArb, type Step } from "./operations.ts";
import { TABLE_NAME, type TableSchema } from "./schema.ts";

function transactWriteEntryArb(schema: TableSchema): fc.Arbitrary<Record<string, unknown>> {
  const onFailure = returnValuesOnFailureArb;
  const base = (key: Item): Record<string, unknown> => ({ TableName: TABLE_NAME, Key: key });
  return fc.oneof(
    fc
      .record({ item: itemArb(schema), condition: opt(conditionArb), onFailure })
      .map(({ item, condition, onFailure: f }) => ({
        Put: compact({
          TableName: TABLE_NAME,
          Item: item,
          ReturnValuesOnConditionCheckFailure: f,
          ...renderParts({ condition }),
        }),
      })),
    fc
      .record({ key: keyArb(schema), update: updateArb, condition: opt(conditionArb), onFailure })
      .map(({ key, update, condition, onFailure: f }) => ({
        Update: compact({
          ...base(key),
          ReturnValuesOnConditionCheckFailure: f,
          ...renderParts({ update, condition }),
        }),
      })),
    fc
      .record({ key: keyArb(schema), condition: opt(conditionArb), onFailure })
      .map(({ key, condition, onFailure: f }) => ({
        Delete: compact({
          ...base(key),
          ReturnValuesOnConditionCheckFailure: f,
          ...renderParts({ condition }),
        }),
      })),
    fc
      .record({ key: keyArb(schema), condition: conditionArb, onFailure })
      .map(({ key, condition, onFailure: f }) => ({
        ConditionCheck: compact({
          ...base(key),
          ReturnValuesOnConditionCheckFailure: f,
          ...renderParts({ condition }),
        }),
      })),
  );
}

/** TransactWriteItems with one to three actions, sometimes with an idempotency token. */
export function transactWriteItemsArb(schema: TableSchema): fc.Arbitrary<Step> {
  return fc
    .record({
      items: fc.array(transactWriteEntryArb(schema), { minLength: 1, maxLength: 3 }),
      token: opt(fc.constantFrom("token-1", "token-2"), 5),
    })
    .map(({ items, token }) => ({
      operation: "TransactWriteItems",
      input: compact({ TransactItems: items, ClientRequestToken: token }),
    }));
}

/** TransactGetItems with one to three gets. */
export function transactGetItemsArb(schema: TableSchema): fc.Arbitrary<Step> {
  const get = fc
    .record({ key: keyArb(schema), projection: opt(projectionArb, 4) })
    .map(({ key, projection }) => ({
      Get: compact({ TableName: TABLE_NAME, Key: key, ...renderParts({ projection }) }),
    }));
  return fc.array(get, { minLength: 1, maxLength: 3 }).map((items) => ({
    operation: "TransactGetItems",
    input: { TransactItems: items },
  }));
}

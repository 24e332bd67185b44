import { canonicalItem, canonicalValue } from "../canonical.ts";
import { consumedCapacityMode } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import type { DocumentPath, UpdatePlan } from "../expression/index.ts";
import { applyUpdate, compileUpdate, selectPaths, updatedTopLevelNames } from "../expression/index.ts";
import { checkIndexKeys, checkItemSize, readKey } from "../item-input.ts";
import { keyNames } from "../keys.ts";
import type { Input } from "../request.ts";
import { rejectLegacy, tableNameOf } from "../request.ts";
import type { Table } from "../table.ts";
import type { Item } from "../values.ts";
import type { ReturnValues } from "./write-common.ts";
import {
  checkedWrite,
  compileOptionalCondition,
  readReturnOnFailure,
  readReturnValues,
} from "./write-common.ts";

/** Refuses an update plan that touches a key attribute, with DynamoDB's message. */
export function checkUpdateKeys(table: Table, plan: UpdatePlan): void {
  const keys = keyNames(table.definition.keys);
  for (const name of updatedTopLevelNames(plan)) {
    if (keys.includes(name)) {
      throw validationError(
        `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`,
      );
    }
  }
}

/**
 * The item an update produces from `oldItem` (or, when there is none, from the key alone), in
 * canonical form and checked against the GSIs' key types and the size limit.
 */
export function updatedItem(
  table: Table,
  plan: UpdatePlan | undefined,
  key: Item,
  oldItem: Item | undefined,
): { item: Item; updatedPaths: DocumentPath[] } {
  const result = appliedUpdate(plan, key, oldItem);
  checkUpdatedItem(table, result.item);
  return result;
}

/** The item an update produces, in canonical form, not yet checked against the table. */
export function appliedUpdate(
  plan: UpdatePlan | undefined,
  key: Item,
  oldItem: Item | undefined,
): { item: Item; updatedPaths: DocumentPath[] } {
  const base = oldItem ?? key;
  if (plan === undefined) return { item: base, updatedPaths: [] };
  const result = applyUpdate(plan, base);
  return {
    item: canonicalUpdate(result.item, base, updatedTopLevelNames(plan)),
    updatedPaths: result.updatedPaths,
  };
}

/**
 * {@link canonicalItem} of an updated item, sharing with `base` (canonical already, never changed)
 * the attributes the update did not touch: every version of an item that a stream retains would
 * otherwise carry its own copy of each unchanged attribute.
 */
function canonicalUpdate(updated: Item, base: Item, touched: readonly string[]): Item {
  const out: Item = {};
  for (const name in updated) {
    const value = updated[name];
    if (value === undefined) continue;
    const unchanged = touched.includes(name) ? undefined : base[name];
    out[name] = unchanged ?? canonicalValue(value);
  }
  return out;
}

/** Checks an updated item against the GSIs' key types and the size limit. */
export function checkUpdatedItem(table: Table, item: Item): void {
  checkIndexKeys(table, item, true);
  checkItemSize(item, "Item size to update has exceeded the maximum allowed size");
}

/**
 * The Attributes of an UpdateItem response. UPDATED_OLD/UPDATED_NEW hold only the updated
 * fragments (`SET m.x = :v` returns `{ m: { M: { x } } }`), as the service answers (captured
 * against AWS in nubo-db/dynoxide#36 and ExtendDB/extenddb#98); DynamoDB Local returns the whole
 * top-level attribute instead.
 */
function returned(
  returnValues: ReturnValues,
  oldItem: Item | undefined,
  newItem: Item,
  updatedPaths: DocumentPath[],
): Item | undefined {
  switch (returnValues) {
    case "NONE":
      return undefined;
    case "ALL_OLD":
      return oldItem;
    case "ALL_NEW":
      return newItem;
    case "UPDATED_OLD":
      return oldItem === undefined ? undefined : selectPaths(oldItem, updatedPaths);
    case "UPDATED_NEW":
      return selectPaths(newItem, updatedPaths);
  }
}

/**
 * UpdateItem: applies an UpdateExpression to one item (creating it from its key when missing),
 * optionally under a ConditionExpression.
 *
 * @example
 * updateItem(engine, { TableName: "Stock", Key: { sku: { S: "a" } }, UpdateExpression: "ADD qty :n", ExpressionAttributeValues: { ":n": { N: "1" } } });
 */
export function updateItem(engine: Engine, input: Input): Record<string, unknown> {
  rejectLegacy("UpdateItem", input);
  const table = engine.table(tableNameOf(input));
  // DynamoDB Local's order (probed pairwise): ReturnValues, placeholder maps without an
  // expression, the Key, both expressions and unused placeholders,
  // ReturnValuesOnConditionCheckFailure, and last an update of a key attribute.
  const returnValues = readReturnValues(input);
  const mode = consumedCapacityMode(input);
  const { expressions, ctx } = readExpressionInputs(
    input,
    ["UpdateExpression", "ConditionExpression"],
    "UpdateExpression and ConditionExpression are null",
  );
  const key = readKey(table, input.Key);
  const updateText = expressions.UpdateExpression;
  const plan = updateText === undefined ? undefined : compileUpdate(updateText, ctx);
  const condition = compileOptionalCondition(expressions.ConditionExpression, ctx);
  ctx.assertAllUsed();
  const onFailure = readReturnOnFailure(input);
  if (plan !== undefined) checkUpdateKeys(table, plan);

  return checkedWrite(engine, table, key, { condition, onFailure, mode }, (oldItem) => {
    const { item, updatedPaths } = updatedItem(table, plan, key, oldItem);
    return { item, attributes: returned(returnValues, oldItem, item, updatedPaths) };
  });
}

import { consumedCapacityMode } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { readExpressionInputs } from "../expr.ts";
import { readKey } from "../item-input.ts";
import type { Input } from "../request.ts";
import { rejectLegacy, tableNameOf } from "../request.ts";
import {
  checkedWrite,
  compileOptionalCondition,
  readReturnOnFailure,
  readReturnValues,
} from "./write-common.ts";

/**
 * DeleteItem: removes one item by key, optionally under a ConditionExpression. Deleting a missing
 * item succeeds and changes nothing (no stream record).
 *
 * @example
 * deleteItem(engine, { TableName: "Orders", Key: { pk: { S: "o1" } }, ReturnValues: "ALL_OLD" });
 */
export function deleteItem(engine: Engine, input: Input): Record<string, unknown> {
  rejectLegacy("DeleteItem", input);
  const table = engine.table(tableNameOf(input));
  // DynamoDB Local's order (probed pairwise): ReturnValues, placeholder maps without an
  // expression, ReturnValuesOnConditionCheckFailure, the Key, then the condition.
  const returnValues = readReturnValues(input, ["NONE", "ALL_OLD"]);
  const mode = consumedCapacityMode(input);
  const { expressions, ctx } = readExpressionInputs(
    input,
    ["ConditionExpression"],
    "ConditionExpression is null",
  );
  const onFailure = readReturnOnFailure(input);
  const key = readKey(table, input.Key);
  const condition = compileOptionalCondition(expressions.ConditionExpression, ctx);
  ctx.assertAllUsed();

  return checkedWrite(engine, table, key, { condition, onFailure, mode }, (oldItem) => ({
    item: undefined,
    attributes: returnValues === "ALL_OLD" ? oldItem : undefined,
  }));
}

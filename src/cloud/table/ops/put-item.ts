import { consumedCapacityMode } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { readExpressionInputs } from "../expr.ts";
import { readWriteItem } from "../item-input.ts";
import { extractKey } from "../keys.ts";
import type { Input } from "../request.ts";
import { rejectLegacy, tableNameOf } from "../request.ts";
import {
  checkedWrite,
  compileOptionalCondition,
  readReturnOnFailure,
  readReturnValues,
} from "./write-common.ts";

/**
 * PutItem: replaces the whole item, optionally under a ConditionExpression.
 *
 * @example
 * putItem(engine, { TableName: "Orders", Item: { pk: { S: "o1" } }, ConditionExpression: "attribute_not_exists(pk)" });
 */
export function putItem(engine: Engine, input: Input): Record<string, unknown> {
  rejectLegacy("PutItem", input);
  const table = engine.table(tableNameOf(input));
  const returnValues = readReturnValues(input, ["NONE", "ALL_OLD"]);
  const mode = consumedCapacityMode(input);
  // DynamoDB Local's order (probed pairwise): placeholder maps without an expression, the item
  // (values, key, index keys), ReturnValuesOnConditionCheckFailure, then the expression itself.
  const { expressions, ctx } = readExpressionInputs(
    input,
    ["ConditionExpression"],
    "ConditionExpression is null",
  );
  const item = readWriteItem(table, input.Item, "Item to put in PutItem cannot be null");
  const onFailure = readReturnOnFailure(input);
  const condition = compileOptionalCondition(expressions.ConditionExpression, ctx);
  ctx.assertAllUsed();

  const key = extractKey(table.definition.keys, item);
  return checkedWrite(engine, table, key, { condition, onFailure, mode }, (oldItem) => ({
    item,
    attributes: returnValues === "ALL_OLD" ? oldItem : undefined,
  }));
}

import type { Engine } from "../engine.ts";
import { validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import type { Condition, UpdatePlan } from "../expression/index.ts";
import { compileCondition, compileUpdate } from "../expression/index.ts";
import { readKey, readWriteItem } from "../item-input.ts";
import { extractKey } from "../keys.ts";
import type { Input } from "../request.ts";
import { isRecord, rejectLegacy, tableNameOf } from "../request.ts";
import type { Table } from "../table.ts";
import type { Item } from "../values.ts";
import { readReturnOnFailure } from "./write-common.ts";

/** One action of a TransactWriteItems request, checked and compiled. */
export interface TransactAction {
  readonly kind: "Put" | "Update" | "Delete" | "ConditionCheck";
  readonly table: Table;
  readonly key: Item;
  /** The item a Put writes. */
  readonly item?: Item;
  readonly update?: UpdatePlan;
  readonly condition?: Condition;
  readonly onFailure: "NONE" | "ALL_OLD";
}

const KINDS = ["ConditionCheck", "Put", "Delete", "Update"] as const;

function compileAction(
  engine: Engine,
  kind: TransactAction["kind"],
  body: Input,
  index: number,
): TransactAction {
  rejectLegacy("TransactWriteItems", body);
  const table = engine.table(tableNameOf(body));
  const fields = kind === "Update" ? ["UpdateExpression", "ConditionExpression"] : ["ConditionExpression"];
  const { expressions, ctx } = readExpressionInputs(
    body,
    fields,
    kind === "Update" ? "UpdateExpression and ConditionExpression are null" : "ConditionExpression is null",
  );
  const conditionText = expressions.ConditionExpression;
  if (kind === "ConditionCheck" && conditionText === undefined) {
    throw validationError(
      `1 validation error detected: Value null at 'transactItems.${index + 1}.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null`,
    );
  }
  const updateText = expressions.UpdateExpression;
  const update = updateText === undefined ? undefined : compileUpdate(updateText, ctx);
  const condition =
    conditionText === undefined ? undefined : compileCondition(conditionText, ctx, "ConditionExpression");
  ctx.assertAllUsed();
  const onFailure = readReturnOnFailure(body);
  const item =
    kind === "Put"
      ? // Index key types are checked when the transaction runs (a cancellation reason).
        readWriteItem(table, body.Item, "Item to put in PutItem cannot be null", false, false)
      : undefined;
  const key = item === undefined ? readKey(table, body.Key) : extractKey(table.definition.keys, item);
  return {
    kind,
    table,
    key,
    onFailure,
    ...(item === undefined ? {} : { item }),
    ...(update === undefined ? {} : { update }),
    ...(condition === undefined ? {} : { condition }),
  };
}

/**
 * Reads and compiles the TransactItems of a TransactWriteItems request (1 to 100 actions, each
 * exactly one of ConditionCheck, Put, Delete, Update), with DynamoDB's messages.
 *
 * @example const actions = readTransactActions(engine, input);
 */
export function readTransactActions(engine: Engine, input: Input): TransactAction[] {
  const list = input.TransactItems;
  if (!Array.isArray(list) || list.length === 0) {
    throw validationError(
      `1 validation error detected: Value ${Array.isArray(list) ? "[]" : "null"} at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  if (list.length > 100) {
    throw validationError(
      "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100",
    );
  }
  return list.map((raw, index) => {
    const entry = isRecord(raw) ? raw : {};
    const present = KINDS.filter((kind) => entry[kind] !== undefined && entry[kind] !== null);
    if (present.length === 0) {
      throw validationError(
        "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request",
      );
    }
    if (present.length > 1)
      throw validationError("TransactItems can only contain one of Check, Put, Update or Delete");
    const kind = present[0]!;
    const body = entry[kind];
    return compileAction(engine, kind, isRecord(body) ? body : {}, index);
  });
}

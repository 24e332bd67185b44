import { AwsServiceError } from "../../aws-error.ts";
import type { Engine } from "../engine.ts";
import { validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import type { Condition, UpdatePlan } from "../expression/index.ts";
import { compileCondition, compileUpdate } from "../expression/index.ts";
import { readTransactItem, readTransactKey, type TransactTarget } from "../item-input.ts";
import { extractKey } from "../keys.ts";
import type { Input } from "../request.ts";
import { isRecord, rejectLegacy, tableNameOf } from "../request.ts";
import type { Table } from "../table.ts";
import type { Item } from "../values.ts";
import { validateItem } from "../values.ts";
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
  /** Why the action cancels the transaction before anything else is looked at (a mistyped key). */
  readonly keyReason?: string;
  /**
   * What fails the whole call when the transaction reaches this action (a key attribute missing
   * or empty, an empty index key, an item too large); `key` is then empty.
   */
  readonly keyError?: AwsServiceError;
}

const KINDS = ["ConditionCheck", "Put", "Delete", "Update"] as const;

/** An action whose values and expressions are checked, before any table is looked up. */
interface ParsedAction {
  readonly kind: TransactAction["kind"];
  readonly body: Input;
  readonly update: UpdatePlan | undefined;
  readonly condition: Condition | undefined;
  readonly onFailure: "NONE" | "ALL_OLD";
}

function parseAction(kind: TransactAction["kind"], body: Input, index: number): ParsedAction {
  rejectLegacy("TransactWriteItems", body);
  const values = kind === "Put" ? body.Item : body.Key;
  if (isRecord(values)) validateItem(values);
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
  return { kind, body, update, condition, onFailure: readReturnOnFailure(body) };
}

/**
 * The action's item or key. DynamoDB Local checks those one action after the other as the
 * transaction runs (probe: an Update whose operand is missing, before a Put without its sort
 * key, fails for the operand; the other way round, for the key), so a failure is kept for then.
 */
function readTarget(parsed: ParsedAction, table: Table): TransactTarget | AwsServiceError {
  const { kind, body } = parsed;
  try {
    return kind === "Put"
      ? readTransactItem(table, body.Item)
      : readTransactKey(table, body.Key, false, true);
  } catch (error) {
    if (error instanceof AwsServiceError && error.code === "ValidationException") return error;
    throw error;
  }
}

function resolveAction(parsed: ParsedAction, table: Table): TransactAction {
  const { kind, update, condition, onFailure } = parsed;
  const target = readTarget(parsed, table);
  if (target instanceof AwsServiceError) return { kind, table, key: {}, onFailure, keyError: target };
  const key = kind === "Put" ? extractKey(table.definition.keys, target.item) : target.item;
  return {
    kind,
    table,
    key,
    onFailure,
    ...(kind === "Put" ? { item: target.item } : {}),
    ...(update === undefined ? {} : { update }),
    ...(condition === undefined ? {} : { condition }),
    ...(target.keyReason === undefined ? {} : { keyReason: target.keyReason }),
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
  // Three passes, as AWS and DynamoDB Local check: every action's values and expressions (AWS: "an
  // expression that does not parse is refused before any action runs and before any table is
  // looked up", paritysuite/dynamodb-conformance tests/tier3/validation-ordering/
  // transactions.test.ts; Local likewise reports a later action's BETWEEN bounds before an earlier
  // action's empty Key), then every table (Local: a missing table on a later action before a
  // mistyped key on an earlier one), then the keys.
  const parsed = list.map((raw, index) => {
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
    return parseAction(kind, isRecord(body) ? body : {}, index);
  });
  const tables = parsed.map((action) => engine.table(tableNameOf(action.body)));
  return parsed.map((action, index) => resolveAction(action, tables[index]!));
}

import { AwsServiceError } from "../../aws-error.ts";
import { canonicalItem } from "../canonical.ts";
import type { ConsumedCapacityMode } from "../capacity-units.ts";
import { ConsumptionByTable, consumedCapacityMode, readUnits } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { transactionCancelled, validationError } from "../errors.ts";
import { evaluateCondition } from "../expression/index.ts";
import { indexKeyAttributes } from "../item-input.ts";
import { sizeOf } from "../item-size.ts";
import { encodeKey } from "../keys.ts";
import type { Input } from "../request.ts";
import { optionalString } from "../request.ts";
import type { Item } from "../values.ts";
import { catchThrottle, throttleReason } from "./throttle.ts";
import type { TransactAction } from "./transact-parse.ts";
import { readTransactActions } from "./transact-parse.ts";
import { appliedUpdate, checkUpdatedItem, checkUpdateKeys } from "./update-item.ts";

/** What one action would do, or why it cannot. */
interface Outcome {
  readonly action: TransactAction;
  readonly oldItem: Item | undefined;
  readonly newItem: Item | undefined;
  readonly reason: Record<string, unknown>;
}

/** A ValidationException raised by `check`, as the action's cancellation reason. */
function validationReason(check: () => void): Record<string, unknown> | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof AwsServiceError) || error.code !== "ValidationException") throw error;
    return { Code: "ValidationError", Message: error.message };
  }
}

/** A Put's index key of the wrong type cancels the transaction, before its condition is read. */
function indexTypeReason(action: TransactAction): Record<string, unknown> | undefined {
  if (action.item === undefined) return undefined;
  for (const { name, index } of indexKeyAttributes(action.table)) {
    const value = action.item[name];
    const message = value === undefined ? undefined : index.typeMismatch({ [name]: value });
    if (message !== undefined) return { Code: "ValidationError", Message: message };
  }
  return undefined;
}

function outcomeOf(action: TransactAction): Outcome {
  if (action.keyError !== undefined) throw action.keyError;
  if (action.keyReason !== undefined) {
    const reason = { Code: "ValidationError", Message: action.keyReason };
    return { action, oldItem: undefined, newItem: undefined, reason };
  }
  const oldItem = action.table.store.get(action.key);
  const base = { action, oldItem, newItem: oldItem };
  const typeReason = indexTypeReason(action);
  if (typeReason !== undefined) return { ...base, reason: typeReason };
  if (action.condition !== undefined && !evaluateCondition(action.condition, oldItem)) {
    // DynamoDB Local ends this message with a period for ConditionCheck actions only; copied as is.
    const message = `The conditional request failed${action.kind === "ConditionCheck" ? "." : ""}`;
    const reason: Record<string, unknown> = { Code: "ConditionalCheckFailed", Message: message };
    if (action.onFailure === "ALL_OLD" && oldItem !== undefined) reason.Item = canonicalItem(oldItem);
    return { ...base, reason };
  }
  if (action.kind === "ConditionCheck") return { ...base, reason: { Code: "None" } };
  if (action.kind === "Put") return { ...base, newItem: action.item, reason: { Code: "None" } };
  if (action.kind === "Delete") return { ...base, newItem: undefined, reason: { Code: "None" } };
  // An update of a key attribute, an index key of the wrong type or an item over the size limit
  // cancels the transaction (a ValidationError reason; AWS for index keys: paritysuite/
  // dynamodb-conformance tests/tier3/error-messages/transactIndexKeys.test.ts). An update that
  // cannot apply to the item (a bad document path, an operand of the wrong type) fails the whole
  // call with a ValidationException, as DynamoDB Local answers.
  const plan = action.update;
  const keyReason =
    plan === undefined ? undefined : validationReason(() => checkUpdateKeys(action.table, plan));
  if (keyReason !== undefined) return { ...base, reason: keyReason };
  const { item } = appliedUpdate(plan, action.key, oldItem);
  const itemReason = validationReason(() => checkUpdatedItem(action.table, item));
  return { ...base, newItem: item, reason: itemReason ?? { Code: "None" } };
}

function checkDistinctItems(actions: readonly TransactAction[]): void {
  const seen = new Set<string>();
  for (const action of actions) {
    // A mistyped key names no item (DynamoDB Local cancels two such actions on one key).
    if (action.keyReason !== undefined || action.keyError !== undefined) continue;
    const id = `${action.table.definition.tableName}\u0000${encodeKey(action.table.definition.keys, action.key)}`;
    if (seen.has(id))
      throw validationError("Transaction request cannot include multiple operations on one item");
    seen.add(id);
  }
}

/** The aggregate size of a transaction's items may not exceed 4 MB. */
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

function checkPayloadSize(actions: readonly TransactAction[]): void {
  // Counted as DynamoDB Local counts it: a Put's whole item, the key of any other action.
  const size = actions.reduce((sum, a) => sum + sizeOf(a.item ?? a.key), 0);
  if (size > MAX_TRANSACTION_BYTES) {
    throw validationError(`Transaction payload size cannot exceed 4MB. Payload Size: ${size}`);
  }
}

/** A repeated call with a known token changes nothing and is charged as reads of its items. */
function replay(
  engine: Engine,
  actions: readonly TransactAction[],
  mode: ConsumedCapacityMode,
): Record<string, unknown> {
  const meters = new ConsumptionByTable(engine, "read");
  for (const action of actions) {
    const item = action.table.store.get(action.key);
    meters.of(action.table).add(2 * readUnits(sizeOf(item), true));
  }
  return capacityOutput(meters, mode);
}

/**
 * Meters one action (twice the units of a plain write; the old item's size when nothing will be
 * written) and turns a throttle into the action's cancellation reason.
 */
function metered(meters: ConsumptionByTable, outcome: Outcome): Outcome {
  const { action, oldItem, newItem, reason } = outcome;
  const meter = meters.of(action.table);
  const writes = reason.Code === "None" && action.kind !== "ConditionCheck";
  const throttled = catchThrottle(() =>
    writes ? meter.addWrite(oldItem, newItem, 2) : meter.addFailedWrite(oldItem, 2),
  );
  if (throttled === undefined || reason.Code !== "None") return outcome;
  return { ...outcome, reason: throttleReason(throttled) };
}

function capacityOutput(meters: ConsumptionByTable, mode: ConsumedCapacityMode): Record<string, unknown> {
  const report = meters.report(mode);
  return report === undefined ? {} : { ConsumedCapacity: report };
}

/**
 * TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck actions on distinct items,
 * all applied or none. A failed condition, a key or index key of the wrong type, an item over the
 * size limit or a throttled action cancels the whole transaction with TransactionCanceledException
 * and one CancellationReason per action; an update that cannot apply to its item fails the call
 * with a ValidationException. Writes cost twice the units of a plain write. A ClientRequestToken makes the call idempotent for 10
 * minutes of virtual time.
 *
 * @example
 * transactWriteItems(engine, { TransactItems: [{ Put: { TableName: "Orders", Item: { pk: { S: "o1" } } } }] });
 */
export function transactWriteItems(engine: Engine, input: Input): Record<string, unknown> {
  const actions = readTransactActions(engine, input);
  const mode = consumedCapacityMode(input);
  const token = optionalString(input, "ClientRequestToken");
  if (token !== undefined && (token.length < 1 || token.length > 36)) {
    throw validationError(
      `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must have length ${token.length < 1 ? "greater than or equal to 1" : "less than or equal to 36"}`,
    );
  }
  const { ReturnConsumedCapacity: _ignored, ...request } = input;
  const nowMs = engine.kernel.nowMs();
  // A token reused with other parameters is refused before the actions are compared (DynamoDB
  // Local answers IdempotentParameterMismatchException for a changed request that also names
  // one item twice).
  if (token !== undefined && engine.transactionTokens.seen(token, request, nowMs))
    return replay(engine, actions, mode);
  checkDistinctItems(actions);
  checkPayloadSize(actions);

  const meters = new ConsumptionByTable(engine, "write");
  const outcomes = actions.map(outcomeOf).map((o) => metered(meters, o));
  if (outcomes.some((o) => o.reason.Code !== "None"))
    throw transactionCancelled(outcomes.map((o) => o.reason));
  for (const o of outcomes) {
    if (o.action.kind !== "ConditionCheck") engine.commit(o.action.table, o.action.key, o.oldItem, o.newItem);
  }
  if (token !== undefined) engine.transactionTokens.remember(token, request, nowMs);
  return capacityOutput(meters, mode);
}

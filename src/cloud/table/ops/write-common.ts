import { canonicalItem } from "../canonical.ts";
import { type ConsumedCapacityMode, Consumption } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { conditionalCheckFailed, validationError } from "../errors.ts";
import type { Condition, ExpressionContext } from "../expression/index.ts";
import { compileCondition, evaluateCondition } from "../expression/index.ts";
import type { Input } from "../request.ts";
import { optionalEnum } from "../request.ts";
import type { Table } from "../table.ts";
import type { Item } from "../values.ts";

/** The ReturnValues settings of DynamoDB's writes. */
export type ReturnValues = "NONE" | "ALL_OLD" | "UPDATED_OLD" | "ALL_NEW" | "UPDATED_NEW";

const ALL_RETURN_VALUES: readonly ReturnValues[] = [
  "NONE",
  "ALL_OLD",
  "UPDATED_OLD",
  "ALL_NEW",
  "UPDATED_NEW",
];

/**
 * Reads ReturnValues; `allowed` is what the operation supports (PutItem and DeleteItem: NONE and
 * ALL_OLD). Any other value gets DynamoDB's "Return values set to invalid value".
 *
 * @example const rv = readReturnValues(input, ["NONE", "ALL_OLD"]);
 */
export function readReturnValues(
  input: Input,
  allowed: readonly ReturnValues[] = ALL_RETURN_VALUES,
): ReturnValues {
  const value = optionalEnum(input, "ReturnValues", ALL_RETURN_VALUES, "Return values set to invalid value");
  if (value !== undefined && !allowed.includes(value))
    throw validationError("Return values set to invalid value");
  return value ?? "NONE";
}

/** Reads ReturnValuesOnConditionCheckFailure (NONE or ALL_OLD). */
export function readReturnOnFailure(input: Input): "NONE" | "ALL_OLD" {
  return (
    optionalEnum(
      input,
      "ReturnValuesOnConditionCheckFailure",
      ["NONE", "ALL_OLD"] as const,
      `1 validation error detected: Value '${String(input.ReturnValuesOnConditionCheckFailure)}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`,
    ) ?? "NONE"
  );
}

/** Compiles an optional ConditionExpression. */
export function compileOptionalCondition(
  text: string | undefined,
  ctx: ExpressionContext,
): Condition | undefined {
  return text === undefined ? undefined : compileCondition(text, ctx, "ConditionExpression");
}

/** Whether the condition (if any) holds for the item as it is now. */
function conditionHolds(condition: Condition | undefined, oldItem: Item | undefined): boolean {
  return condition === undefined || evaluateCondition(condition, oldItem);
}

/** The ConditionalCheckFailedException for a failed write, with the old item when asked for. */
function conditionFailure(onFailure: "NONE" | "ALL_OLD", oldItem: Item | undefined): Error {
  return conditionalCheckFailed(onFailure === "ALL_OLD" ? oldItem : undefined);
}

/** Adds `Attributes` to a response when there is something to return. */
function withAttributes(out: Record<string, unknown>, attributes: Item | undefined): Record<string, unknown> {
  if (attributes !== undefined && Object.keys(attributes).length > 0) out.Attributes = attributes;
  return out;
}

/** Adds `ConsumedCapacity` to a response when the request asked for it. */
export function withCapacity(
  out: Record<string, unknown>,
  capacity: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (capacity !== undefined) out.ConsumedCapacity = capacity;
  return out;
}

/** What a single-item write read from its request, besides its key and its new item. */
export interface WriteChecks {
  readonly condition: Condition | undefined;
  readonly onFailure: "NONE" | "ALL_OLD";
  readonly mode: ConsumedCapacityMode;
}

/**
 * The part PutItem, UpdateItem and DeleteItem share once their request is read: the condition is
 * checked against the item as it is now (a failed one is metered and throws
 * ConditionalCheckFailedException), then `write` gives the new item (undefined deletes it) and the
 * attributes to answer with, and the write is metered, committed and answered.
 *
 * @example
 * return checkedWrite(engine, table, key, checks, (oldItem) => ({ item: undefined, attributes: oldItem }));
 */
export function checkedWrite(
  engine: Engine,
  table: Table,
  key: Item,
  checks: WriteChecks,
  write: (oldItem: Item | undefined) => { item: Item | undefined; attributes: Item | undefined },
): Record<string, unknown> {
  const oldItem = table.store.get(key);
  const meter = new Consumption(engine, table, "write");
  if (!conditionHolds(checks.condition, oldItem)) {
    meter.addFailedWrite(oldItem);
    throw conditionFailure(checks.onFailure, oldItem && canonicalItem(oldItem));
  }
  const { item, attributes } = write(oldItem);
  meter.addWrite(oldItem, item);
  // Deleting a missing item changes nothing: no commit, no stream record.
  if (oldItem !== undefined || item !== undefined) engine.commit(table, key, oldItem, item);
  return withCapacity(withAttributes({}, attributes && canonicalItem(attributes)), meter.report(checks.mode));
}

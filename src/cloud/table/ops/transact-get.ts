import { canonicalItem } from "../canonical.ts";
import { ConsumptionByTable, consumedCapacityMode, readUnits } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { transactionCancelled, validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import type { Projection } from "../expression/index.ts";
import { compileProjection, project } from "../expression/index.ts";
import { readTransactKey } from "../item-input.ts";
import { sizeOf } from "../item-size.ts";
import { encodeKey } from "../keys.ts";
import type { Input } from "../request.ts";
import { isRecord, tableNameOf } from "../request.ts";
import type { Table } from "../table.ts";
import type { Item } from "../values.ts";
import { catchThrottle, throttleReason } from "./throttle.ts";

interface GetAction {
  readonly table: Table;
  readonly key: Item;
  readonly projection: Projection | undefined;
  /** Why this read cancels the transaction (a key that does not match the schema). */
  readonly keyReason: string | undefined;
}

function readGet(engine: Engine, raw: unknown): GetAction {
  const entry = isRecord(raw) ? raw : {};
  const body = entry.Get;
  if (!isRecord(body)) {
    throw validationError(
      "1 validation error detected: Value null at 'transactItems.member.get' failed to satisfy constraint: Member must not be null",
    );
  }
  const table = engine.table(tableNameOf(body));
  // AWS cancels a read whose Key does not match the schema (an empty Key: a ValidationError
  // reason, paritysuite/dynamodb-conformance tests/tier3/error-messages/transactGetItems.test.ts);
  // a non-key type fails the call, as DynamoDB Local answers (no AWS capture).
  const { item: key, keyReason } = readTransactKey(table, body.Key, true, false);
  if (keyReason !== undefined) return { table, key, projection: undefined, keyReason };
  const { expressions, ctx } = readExpressionInputs(
    body,
    ["ProjectionExpression"],
    "ProjectionExpression is null",
  );
  const text = expressions.ProjectionExpression;
  const projection = text === undefined ? undefined : compileProjection(text, ctx);
  ctx.assertAllUsed();
  return { table, key, projection, keyReason };
}

/**
 * TransactGetItems: up to 100 consistent reads of distinct items, at one moment, each charged
 * twice the units of a consistent read.
 *
 * @example
 * transactGetItems(engine, { TransactItems: [{ Get: { TableName: "Orders", Key: { pk: { S: "o1" } } } }] });
 */
export function transactGetItems(engine: Engine, input: Input): Record<string, unknown> {
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
  // Read by read, as DynamoDB Local checks: the table, the key (the first that does not match the
  // schema cancels at once, before a later read's table is looked up), then whether an earlier
  // read named the same item (probe: [a, a, mistyped] is refused as a repeat, [a, mistyped, a]
  // is cancelled).
  const seen = new Set<string>();
  const actions = list.map((raw, index) => {
    const action = readGet(engine, raw);
    if (action.keyReason !== undefined) {
      const reason = { Code: "ValidationError", Message: action.keyReason };
      throw transactionCancelled(list.map((_, i) => (i === index ? reason : { Code: "None" })));
    }
    const id = `${action.table.definition.tableName}\u0000${encodeKey(action.table.definition.keys, action.key)}`;
    if (seen.has(id))
      throw validationError("Transaction request cannot include multiple operations on one item");
    seen.add(id);
    return action;
  });
  const mode = consumedCapacityMode(input);
  const meters = new ConsumptionByTable(engine, "read");
  const items = actions.map((action) => action.table.store.get(action.key));
  const reasons = actions.map((action, i) => {
    const throttled = catchThrottle(() => meters.of(action.table).add(2 * readUnits(sizeOf(items[i]), true)));
    return throttled === undefined ? { Code: "None" } : throttleReason(throttled);
  });
  if (reasons.some((r) => r.Code !== "None")) throw transactionCancelled(reasons);
  const responses = actions.map((action, i) => {
    const item = items[i];
    if (item === undefined) return {};
    return { Item: canonicalItem(action.projection === undefined ? item : project(action.projection, item)) };
  });
  const out: Record<string, unknown> = { Responses: responses };
  const report = meters.report(mode);
  if (report !== undefined) out.ConsumedCapacity = report;
  return out;
}

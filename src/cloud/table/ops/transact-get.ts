import { canonicalItem } from "../canonical.ts";
import { ConsumptionByTable, consumedCapacityMode, readUnits } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { transactionCancelled, validationError } from "../errors.ts";
import { readExpressionInputs } from "../expr.ts";
import type { Projection } from "../expression/index.ts";
import { compileProjection, project } from "../expression/index.ts";
import { readKey } from "../item-input.ts";
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
  const key = readKey(table, body.Key);
  const { expressions, ctx } = readExpressionInputs(
    body,
    ["ProjectionExpression"],
    "ProjectionExpression is null",
  );
  const text = expressions.ProjectionExpression;
  const projection = text === undefined ? undefined : compileProjection(text, ctx);
  ctx.assertAllUsed();
  return { table, key, projection };
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
  const actions = list.map((raw) => readGet(engine, raw));
  const ids = new Set(
    actions.map((a) => `${a.table.definition.tableName}\u0000${encodeKey(a.table.definition.keys, a.key)}`),
  );
  if (ids.size !== actions.length)
    throw validationError("Transaction request cannot include multiple operations on one item");
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

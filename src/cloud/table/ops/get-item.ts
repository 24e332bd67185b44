import { canonicalItem } from "../canonical.ts";
import { Consumption, consumedCapacityMode, readUnits } from "../capacity-units.ts";
import type { Engine } from "../engine.ts";
import { readExpressionInputs } from "../expr.ts";
import { compileProjection, project } from "../expression/index.ts";
import { readKey } from "../item-input.ts";
import { sizeOf } from "../item-size.ts";
import type { Input } from "../request.ts";
import { optionalBoolean, rejectLegacy, tableNameOf } from "../request.ts";
import { withCapacity } from "./write-common.ts";

/**
 * GetItem: one item by key, consistent or eventually consistent, optionally projected.
 *
 * @example
 * getItem(engine, { TableName: "Orders", Key: { pk: { S: "o1" } }, ConsistentRead: true });
 */
export function getItem(engine: Engine, input: Input): Record<string, unknown> {
  rejectLegacy("GetItem", input);
  // DynamoDB Local's order (probed pairwise): placeholder maps without an expression, the table,
  // the ProjectionExpression and unused placeholders, and only then the Key.
  const { expressions, ctx } = readExpressionInputs(
    input,
    ["ProjectionExpression"],
    "ProjectionExpression is null",
  );
  const table = engine.table(tableNameOf(input));
  const text = expressions.ProjectionExpression;
  const projection = text === undefined ? undefined : compileProjection(text, ctx);
  ctx.assertAllUsed();
  const key = readKey(table, input.Key);
  const consistent = optionalBoolean(input, "ConsistentRead") ?? false;
  const mode = consumedCapacityMode(input);

  const meter = new Consumption(engine, table, "read");
  const item = engine.view(table, consistent).store.get(key);
  // A read is charged for the whole item, whatever the projection returns.
  meter.add(readUnits(sizeOf(item), consistent));
  const out: Record<string, unknown> = {};
  if (item !== undefined)
    out.Item = projection === undefined ? canonicalItem(item) : canonicalItem(project(projection, item));
  return withCapacity(out, meter.report(mode));
}

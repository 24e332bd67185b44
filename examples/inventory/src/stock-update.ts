import type { Order } from "./order.ts";

/**
 * The Inventory update both reserveStock variants make after setting the stock: remember the
 * order, bump the item's version (what consumers downstream order stock events by), and carry the
 * order's correlation id into the item so the stream passes it on.
 *
 * @example stockUpdate("stock = stock - :qty", { ":qty": 2 }, order, "c-1")
 */
export function stockUpdate(
  setStock: string,
  stockValues: Record<string, unknown>,
  order: Order,
  correlationId: string | undefined,
): { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> } {
  const values: Record<string, unknown> = { ...stockValues, ":order": order.orderId, ":zero": 0, ":one": 1 };
  let expression = `SET ${setStock}, lastOrderId = :order, version = if_not_exists(version, :zero) + :one`;
  if (correlationId === undefined) {
    expression += " REMOVE correlationId";
  } else {
    expression += ", correlationId = :correlationId";
    values[":correlationId"] = correlationId;
  }
  return { UpdateExpression: expression, ExpressionAttributeValues: values };
}

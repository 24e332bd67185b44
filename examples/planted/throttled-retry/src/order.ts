/** An order on the Orders queue. */
export interface Order {
  readonly orderId: string;
  readonly sku: string;
  readonly qty: number;
}

/**
 * Reads an order from a message body, refusing anything malformed.
 *
 * @example parseOrder('{"orderId":"o-1","sku":"SKU-RED","qty":1}')
 */
export function parseOrder(body: string): Order {
  const value = JSON.parse(body) as Partial<Order>;
  if (typeof value.orderId !== "string" || typeof value.sku !== "string" || typeof value.qty !== "number")
    throw new Error(`malformed order: ${body}`);
  return { orderId: value.orderId, sku: value.sku, qty: value.qty };
}

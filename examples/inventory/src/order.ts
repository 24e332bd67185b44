import type { SQSRecord } from "aws-lambda";

/** An order message on the Orders queue. */
export interface Order {
  readonly orderId: string;
  readonly sku: string;
  readonly qty: number;
}

/** Reads an order from an SQS message body, refusing anything malformed. */
export function parseOrder(body: string): Order {
  const value = JSON.parse(body) as Partial<Order>;
  if (typeof value.orderId !== "string" || typeof value.sku !== "string" || typeof value.qty !== "number") {
    throw new Error(`malformed order: ${body}`);
  }
  return { orderId: value.orderId, sku: value.sku, qty: value.qty };
}

/**
 * The correlation id a message carries (the `correlationId` message attribute), so that every
 * hop downstream can pass it on and a trace can be followed from the order to the shipment.
 */
export function correlationIdOf(record: Pick<SQSRecord, "messageAttributes">): string | undefined {
  return record.messageAttributes?.correlationId?.stringValue;
}

/** The message publishStockChange sends to the StockEvents topic. */
export interface StockChange {
  readonly sku: string;
  readonly stock: number;
  /** The order that caused the change. */
  readonly orderId: string | undefined;
  /** The Inventory item's version after the change: grows by one with every change of the item. */
  readonly version: number;
}

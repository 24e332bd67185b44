import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import type { StockChange } from "./order.ts";

/** A stock decrease found in the Inventory stream, with what publishStockChange sends about it. */
export interface StockDecrease {
  readonly change: StockChange;
  readonly lowStock: boolean;
  readonly correlationId: string | undefined;
}

/**
 * The pure part of publishStockChange: which stream records are stock decreases, and whether each
 * leaves the item below the low-stock threshold. New items, removals and increases are not.
 */
export function stockDecreases(
  records: readonly DynamoDBRecord[],
  lowStockThreshold: number,
): StockDecrease[] {
  const decreases: StockDecrease[] = [];
  for (const record of records) {
    if (record.eventName !== "MODIFY" || record.dynamodb?.NewImage === undefined) continue;
    const next = unmarshall(record.dynamodb.NewImage as never);
    const previous = unmarshall((record.dynamodb.OldImage ?? {}) as never);
    if (!(typeof next.stock === "number" && next.stock < (previous.stock as number))) continue;
    decreases.push({
      change: {
        sku: next.sku as string,
        stock: next.stock,
        orderId: next.lastOrderId as string | undefined,
        version: (next.version as number | undefined) ?? 0,
      },
      lowStock: next.stock < lowStockThreshold,
      correlationId: next.correlationId as string | undefined,
    });
  }
  return decreases;
}

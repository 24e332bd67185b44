import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { correlationIdOf, parseOrder } from "./order.ts";
import { stockUpdate } from "./stock-update.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const INVENTORY = process.env.INVENTORY_TABLE;
const RESERVATIONS = process.env.RESERVATIONS_TABLE;

/**
 * The first version a team writes: read the stock, check it, write a reservation, write the new
 * stock. It works in every unit test — and reserves twice when SQS delivers an order twice, and
 * oversells when two orders for the same item interleave.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      const order = parseOrder(record.body);
      const { Item: item } = await documents.send(
        new GetCommand({ TableName: INVENTORY, Key: { sku: order.sku } }),
      );
      const stock = (item?.stock as number | undefined) ?? 0;
      if (stock < order.qty) {
        console.log(`order ${order.orderId}: out of stock for ${order.sku}`);
        continue;
      }
      await documents.send(
        new PutCommand({
          TableName: RESERVATIONS,
          Item: {
            reservationId: crypto.randomUUID(),
            orderId: order.orderId,
            sku: order.sku,
            qty: order.qty,
          },
        }),
      );
      await documents.send(
        new UpdateCommand({
          TableName: INVENTORY,
          Key: { sku: order.sku },
          ...stockUpdate("stock = :stock", { ":stock": stock - order.qty }, order, correlationIdOf(record)),
        }),
      );
      console.log(`order ${order.orderId}: reserved ${order.qty} x ${order.sku}`);
    } catch (error) {
      console.error(`message ${record.messageId} failed: ${String(error)}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

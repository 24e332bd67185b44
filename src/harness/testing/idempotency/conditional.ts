import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { dynamodb, type Order } from "./reserve.ts";

const documents = DynamoDBDocumentClient.from(dynamodb);

/**
 * Half right: the reservation is keyed by the order and written only once, so a repeat makes no
 * second row — but every call answers a new confirmation id, so a retrying client sees a
 * different answer each time.
 */
export async function reserveOrder(order: Order): Promise<{ orderId: string; confirmation: string }> {
  try {
    await documents.send(
      new PutCommand({
        TableName: process.env.RESERVATIONS_TABLE,
        Item: { reservationId: order.orderId, orderId: order.orderId, sku: order.sku, qty: order.qty },
        ConditionExpression: "attribute_not_exists(reservationId)",
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return { orderId: order.orderId, confirmation: crypto.randomUUID() };
}

/** Writes once and throws on every repeat ("already reserved"), so a duplicate is never accepted. */
export async function rejectDuplicate(order: Order): Promise<{ orderId: string }> {
  await documents.send(
    new PutCommand({
      TableName: process.env.RESERVATIONS_TABLE,
      Item: { reservationId: order.orderId, orderId: order.orderId, sku: order.sku, qty: order.qty },
      ConditionExpression: "attribute_not_exists(reservationId)",
    }),
  );
  return { orderId: order.orderId };
}

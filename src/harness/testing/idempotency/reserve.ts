import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

/** An order as the fixture's functions receive it. */
export interface Order {
  orderId: string;
  sku: string;
  qty: number;
}

/** What reserving an order answers: a fresh reservation id, so a re-run shows in the response. */
export interface Reservation {
  orderId: string;
  reservationId: string;
}

export const dynamodb = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(dynamodb);

/** The side effect: one reservation row per call, with a new id each time. */
export async function reserve(order: Order): Promise<Reservation> {
  const reservationId = crypto.randomUUID();
  await documents.send(
    new PutCommand({
      TableName: process.env.RESERVATIONS_TABLE,
      Item: { reservationId, orderId: order.orderId, sku: order.sku, qty: order.qty },
    }),
  );
  return { orderId: order.orderId, reservationId };
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const ORDER_VIEW = process.env.ORDER_VIEW_TABLE;

/**
 * Projects every new order into the read model the order page shows. An order without a total
 * (written by an old client) makes it throw — the same on every retry.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  for (const record of event.Records) {
    if (record.eventName !== "INSERT") continue;
    const order = unmarshall((record.dynamodb?.NewImage ?? {}) as never);
    if (typeof order.total !== "number") throw new Error(`order ${String(order.orderId)} has no total`);
    await documents.send(
      new PutCommand({
        TableName: ORDER_VIEW,
        Item: { orderId: order.orderId, total: order.total, projectedAtMs: Date.now() },
      }),
    );
  }
}

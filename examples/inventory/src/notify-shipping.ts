import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SNSEvent } from "aws-lambda";
import type { StockChange } from "./order.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const NOTIFICATIONS = process.env.NOTIFICATIONS_TABLE;

/** Tells shipping about every reserved order (here: records one notification per stock event). */
export async function handler(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    const change = JSON.parse(record.Sns.Message) as StockChange;
    if (change.orderId === undefined) continue;
    const correlationId = record.Sns.MessageAttributes?.correlationId?.Value;
    await documents.send(
      new PutCommand({
        TableName: NOTIFICATIONS,
        Item: {
          // Keyed by the order, not by the SNS message: when publishStockChange is retried after
          // it published (a crashed runtime, a failed stream batch), the same order arrives in a
          // new message with a new id, and a second notification would be written.
          notificationId: `order#${change.orderId}`,
          orderId: change.orderId,
          sku: change.sku,
          ...(correlationId === undefined ? {} : { correlationId }),
        },
      }),
    );
    console.log(`shipping notified of order ${change.orderId} [correlationId=${correlationId ?? "none"}]`);
  }
}

import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { parseOrder } from "./order.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const INVENTORY = process.env.INVENTORY_TABLE;
const RESERVATIONS = process.env.RESERVATIONS_TABLE;

/**
 * The seed's story: writes the reservation, then takes the stock. When the Inventory table is
 * throttled past the SDK's retries, the order fails and SQS delivers it again — and the retry
 * writes a second reservation, because the first one already landed.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const order = parseOrder(record.body);
    try {
      await documents.send(
        new PutCommand({ TableName: RESERVATIONS, Item: { reservationId: crypto.randomUUID(), ...order } }),
      );
      await documents.send(
        new UpdateCommand({
          TableName: INVENTORY,
          Key: { sku: order.sku },
          UpdateExpression: "SET stock = stock - :qty",
          ConditionExpression: "stock >= :qty",
          ExpressionAttributeValues: { ":qty": order.qty },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      console.error(`order ${order.orderId} failed: ${String(error)}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

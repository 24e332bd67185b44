import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { parseOrder } from "./order.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const INVENTORY = process.env.INVENTORY_TABLE;
const RESERVATIONS = process.env.RESERVATIONS_TABLE;

/**
 * The reservation (keyed by the order, written only once) and the stock decrement commit
 * together: a throttled attempt writes nothing, and a retried order finds its reservation.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const order = parseOrder(record.body);
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: RESERVATIONS,
                Item: { reservationId: order.orderId, ...order },
                ConditionExpression: "attribute_not_exists(reservationId)",
              },
            },
            {
              Update: {
                TableName: INVENTORY,
                Key: { sku: order.sku },
                UpdateExpression: "SET stock = stock - :qty",
                ConditionExpression: "stock >= :qty",
                ExpressionAttributeValues: { ":qty": order.qty },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // Already reserved, or out of stock: either way the order is settled.
      if (error instanceof TransactionCanceledException && isSettled(error)) continue;
      console.error(`order ${order.orderId} failed: ${String(error)}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function isSettled(error: TransactionCanceledException): boolean {
  return (error.CancellationReasons ?? []).some((reason) => reason.Code === "ConditionalCheckFailed");
}

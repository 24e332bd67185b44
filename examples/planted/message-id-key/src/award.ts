import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const ACCOUNTS = process.env.ACCOUNTS_TABLE;
const PROCESSED = process.env.PROCESSED_TABLE;

interface Purchase {
  readonly purchaseId: string;
  readonly accountId: string;
  readonly points: number;
}

/** Awards a purchase's loyalty points once per idempotency key. */
async function award(purchase: Purchase, idempotencyKey: string): Promise<void> {
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: PROCESSED,
              Item: { key: idempotencyKey, purchaseId: purchase.purchaseId },
              ConditionExpression: "attribute_not_exists(#key)",
              ExpressionAttributeNames: { "#key": "key" },
            },
          },
          {
            Update: {
              TableName: ACCOUNTS,
              Key: { accountId: purchase.accountId },
              UpdateExpression: "ADD points :points",
              ExpressionAttributeValues: { ":points": purchase.points },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    console.log(`purchase ${purchase.purchaseId} (key ${idempotencyKey}) was awarded before; ignored`);
  }
}

/**
 * Keys idempotency on the SQS message id. That catches SQS's own duplicate deliveries (they keep
 * the message id), but not the shop sending the same purchase again after a timeout: a new
 * message, a new id, and the points are awarded twice.
 */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) await award(purchaseOf(record), record.messageId);
}

/** Keys idempotency on the purchase id, which every copy of the purchase carries. */
export async function handlerByPurchase(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const purchase = purchaseOf(record);
    await award(purchase, purchase.purchaseId);
  }
}

function purchaseOf(record: SQSRecord): Purchase {
  return JSON.parse(record.body) as Purchase;
}

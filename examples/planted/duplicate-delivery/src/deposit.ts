import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const WALLETS = process.env.WALLETS_TABLE;
const APPLIED = process.env.APPLIED_TABLE;

interface Deposit {
  readonly depositId: string;
  readonly walletId: string;
  readonly amount: number;
}

/**
 * Adds each deposit to its wallet. Correct for a message delivered once; a standard queue
 * delivers at least once, and a second delivery adds the money again.
 */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const deposit = JSON.parse(record.body) as Deposit;
    await documents.send(
      new UpdateCommand({
        TableName: WALLETS,
        Key: { walletId: deposit.walletId },
        UpdateExpression: "ADD balance :amount",
        ExpressionAttributeValues: { ":amount": deposit.amount },
      }),
    );
  }
}

/**
 * Adds each deposit once: the balance changes in the same transaction that records the deposit
 * as applied, and that record may not exist yet, so a redelivered deposit changes nothing.
 */
export async function handlerOnce(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const deposit = JSON.parse(record.body) as Deposit;
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: APPLIED,
                Item: { depositId: deposit.depositId, walletId: deposit.walletId },
                ConditionExpression: "attribute_not_exists(depositId)",
              },
            },
            {
              Update: {
                TableName: WALLETS,
                Key: { walletId: deposit.walletId },
                UpdateExpression: "ADD balance :amount",
                ExpressionAttributeValues: { ":amount": deposit.amount },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      console.log(`deposit ${deposit.depositId} was applied before; ignored`);
    }
  }
}

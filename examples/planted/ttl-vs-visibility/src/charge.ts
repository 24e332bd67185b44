import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const CHARGES = process.env.CHARGES_TABLE;
const IDEMPOTENCY = process.env.IDEMPOTENCY_TABLE;
const KEEP_SECONDS = Number(process.env.IDEMPOTENCY_TTL_SECONDS);

interface Payment {
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
}

/** Whether a payment was charged within the idempotency window (expired records do not count). */
async function chargedBefore(paymentId: string): Promise<boolean> {
  const { Item: done } = await documents.send(
    new GetCommand({ TableName: IDEMPOTENCY, Key: { id: paymentId }, ConsistentRead: true }),
  );
  // DynamoDB deletes expired items up to two days late, so the expiry is checked here too.
  return done !== undefined && (done.expiresAt as number) > Date.now() / 1000;
}

/**
 * Charges each payment once within the idempotency window: a charge (the provider's side effect,
 * with its own id) and then an idempotency record that expires after IDEMPOTENCY_TTL_SECONDS. A
 * payment in a currency the provider refuses fails the whole batch, which comes back after the
 * queue's visibility timeout — and if that is longer than the window, the payments of the batch
 * that went through are charged again.
 */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const payment = JSON.parse(record.body) as Payment;
    if (await chargedBefore(payment.paymentId)) continue;
    if (payment.currency !== "EUR")
      throw new Error(`payment ${payment.paymentId}: ${payment.currency} refused`);
    await documents.send(
      new PutCommand({
        TableName: CHARGES,
        Item: { chargeId: crypto.randomUUID(), paymentId: payment.paymentId, amount: payment.amount },
      }),
    );
    await documents.send(
      new PutCommand({
        TableName: IDEMPOTENCY,
        Item: { id: payment.paymentId, expiresAt: Math.floor(Date.now() / 1000) + KEEP_SECONDS },
      }),
    );
  }
}

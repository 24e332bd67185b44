import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { parseInvoice } from "./invoice.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const LEDGER = process.env.LEDGER_TABLE;

/** Posts one invoice to the ledger (a put keyed by the invoice: posting twice is harmless). */
async function post(record: SQSRecord): Promise<void> {
  const invoice = parseInvoice(record.body);
  await documents.send(new PutCommand({ TableName: LEDGER, Item: { ...invoice } }));
}

/**
 * Posts the batch's invoices in parallel and reports the failed ones — by their position among
 * the failures instead of in the batch. The message that failed is deleted as if it had
 * succeeded (lost, never dead-lettered), and a posted one is retried instead.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(event.Records.map(post));
  const failed = results.filter((result) => result.status === "rejected");
  return {
    batchItemFailures: failed.map((_, i) => ({ itemIdentifier: event.Records[i]?.messageId ?? "" })),
  };
}

/** Reports each failed invoice by its own message id. */
export async function handlerById(event: SQSEvent): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(event.Records.map(post));
  const batchItemFailures: { itemIdentifier: string }[] = [];
  results.forEach((result, i) => {
    const record = event.Records[i];
    if (result.status === "rejected" && record !== undefined)
      batchItemFailures.push({ itemIdentifier: record.messageId });
  });
  return { batchItemFailures };
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const PARKED = process.env.PARKED_TABLE;

/** Parks every dead-lettered invoice for a person to look at. */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const invoiceId = (JSON.parse(record.body) as { invoiceId?: unknown }).invoiceId;
    await documents.send(
      new PutCommand({ TableName: PARKED, Item: { invoiceId: String(invoiceId), body: record.body } }),
    );
  }
}

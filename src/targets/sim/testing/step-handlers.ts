import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

// Handlers of the step-check tests: a consumer whose state is wrong for a while, then repaired.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.TABLE_NAME;

/** Sells one more than is in stock (stock -1), then, 30 s later, restocks the SKU to 5. */
export async function oversellThenRestock(event: SQSEvent): Promise<void> {
  for (const r of event.Records) {
    await documents.send(new PutCommand({ TableName: TABLE, Item: { sku: r.body, stock: -1 } }));
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    await documents.send(new PutCommand({ TableName: TABLE, Item: { sku: r.body, stock: 5 } }));
  }
}

/** Takes one from the stock it is sent, never below zero: the stock stays at 0 or more. */
export async function sellOne(event: SQSEvent): Promise<void> {
  for (const r of event.Records)
    await documents.send(new PutCommand({ TableName: TABLE, Item: { sku: r.body, stock: 0 } }));
}

/** Records its id, then works on for 100 ms: the item is there while the call is in flight. */
export async function recordThenWork(event: { id: string }): Promise<void> {
  await documents.send(new PutCommand({ TableName: TABLE, Item: { id: event.id } }));
  await new Promise((resolve) => setTimeout(resolve, 100));
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import type { StockChange } from "./order.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const REORDERS = process.env.REORDERS_TABLE;

/** Counts a reorder request for every low-stock event the Replenishment queue receives. */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const envelope = JSON.parse(record.body) as { Message: string };
    const change = JSON.parse(envelope.Message) as StockChange;
    await documents.send(
      new UpdateCommand({
        TableName: REORDERS,
        Key: { sku: change.sku },
        UpdateExpression: "ADD requests :one SET lastStock = :stock",
        ExpressionAttributeValues: { ":one": 1, ":stock": change.stock },
      }),
    );
  }
}

import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import type { StockChange } from "./order.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const REORDERS = process.env.REORDERS_TABLE;

/** The stock change inside a Replenishment message (an SNS envelope around it). */
export function stockChangeOf(record: Pick<SQSRecord, "body">): StockChange {
  const envelope = JSON.parse(record.body) as { Message: string };
  return JSON.parse(envelope.Message) as StockChange;
}

/**
 * The first version: records the stock each low-stock event reports. The queue is a standard one,
 * so events can arrive out of order, and an older event then overwrites the newer stock.
 */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const change = stockChangeOf(record);
    await documents.send(
      new UpdateCommand({
        TableName: REORDERS,
        Key: { sku: change.sku },
        UpdateExpression: "ADD requests :one SET lastStock = :stock, version = :version",
        ExpressionAttributeValues: { ":one": 1, ":stock": change.stock, ":version": change.version },
      }),
    );
  }
}

/**
 * Records the stock only from an event newer than the one already recorded (the Inventory item's
 * version orders them), so a late, older event is ignored instead of overwriting newer stock.
 */
export async function handlerInOrder(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const change = stockChangeOf(record);
    try {
      await documents.send(
        new UpdateCommand({
          TableName: REORDERS,
          Key: { sku: change.sku },
          UpdateExpression: "ADD requests :one SET lastStock = :stock, version = :version",
          ConditionExpression: "attribute_not_exists(version) OR version < :version",
          ExpressionAttributeValues: { ":one": 1, ":stock": change.stock, ":version": change.version },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      console.log(`${change.sku}: stock event v${change.version} is older than the recorded one; ignored`);
    }
  }
}

import { DynamoDBClient, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { SQSEvent } from "aws-lambda";

const dynamodb = new DynamoDBClient({});

/** Counts every message it receives — once per delivery, so a duplicate counts twice. */
export async function handler(event: SQSEvent): Promise<void> {
  for (const _record of event.Records) {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: process.env.COUNTERS_TABLE,
        Key: { id: { S: "messages" } },
        UpdateExpression: "ADD seen :one",
        ExpressionAttributeValues: { ":one": { N: "1" } },
      }),
    );
  }
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Counts a visit, reading then writing (a lost update when two visits interleave). */
export async function visit(event: { page: string }): Promise<void> {
  await documents.send(
    new UpdateCommand({
      TableName: process.env.TABLE,
      Key: { page: event.page },
      UpdateExpression: "ADD visits :one",
      ExpressionAttributeValues: { ":one": 1 },
    }),
  );
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const INCIDENTS = process.env.INCIDENTS_TABLE;

/** Opens an incident for every batch of stream records the projection gave up on. */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records)
    await documents.send(
      new PutCommand({ TableName: INCIDENTS, Item: { incidentId: record.messageId, failure: record.body } }),
    );
}

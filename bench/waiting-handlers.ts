import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

// Handlers of bench/waiting-sim.ts, written as a user would write them.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Records each message under its id with the (virtual) time it was written: when it became ready. */
export async function fromQueue(event: SQSEvent): Promise<void> {
  for (const r of event.Records)
    await documents.send(
      new PutCommand({ TableName: process.env.TABLE_NAME, Item: { id: r.messageId, readyAtMs: Date.now() } }),
    );
}

/** Logs the correlation id of the payload it handled. */
export async function direct(event: { correlationId: string }): Promise<{ handled: string }> {
  console.log(`handled ${event.correlationId}`);
  return { handled: event.correlationId };
}

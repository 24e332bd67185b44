import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

// Handlers of the hops tests, written as a user would write them.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const lambda = new LambdaClient({});

/**
 * Fails every message on its first delivery; on the next, records the message's correlation id
 * on the streamed item it names, with an UpdateItem (which carries no item of its own).
 */
export async function flaky(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    if (record.attributes.ApproximateReceiveCount === "1") throw new Error("first delivery fails");
    await documents.send(
      new UpdateCommand({
        TableName: process.env.WATCHED_TABLE,
        Key: { id: record.body },
        UpdateExpression: "SET correlationId = :c",
        ExpressionAttributeValues: { ":c": record.messageAttributes.correlationId?.stringValue ?? "none" },
      }),
    );
  }
}

/** Reads the Watched stream and does nothing else. */
export async function watch(): Promise<void> {}

/** Records what it was asked with its correlation id, then hands it on to `sink` (asynchronously). */
export async function direct(event: { id: string; cid?: string; correlationId?: string }): Promise<void> {
  await documents.send(new PutCommand({ TableName: process.env.RECORDS_TABLE, Item: event }));
  await lambda.send(
    new InvokeCommand({
      FunctionName: process.env.SINK_FUNCTION,
      InvocationType: "Event",
      Payload: JSON.stringify({ correlationId: event.correlationId }),
    }),
  );
}

/** Receives what `direct` hands on. */
export async function sink(): Promise<void> {}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SNSEvent } from "aws-lambda";

// Handlers of the sim target's own tests, written as a user would write them.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.TABLE_NAME;

/** Records what it was asked to record. */
export async function record(event: { id: string; note?: string }): Promise<{ saved: string }> {
  console.log(`saving ${event.id}`);
  await documents.send(
    new PutCommand({ TableName: TABLE, Item: { id: event.id, note: event.note ?? "direct" } }),
  );
  return { saved: event.id };
}

/** Records every SNS message it receives. */
export async function fromTopic(event: SNSEvent): Promise<void> {
  for (const r of event.Records)
    await documents.send(
      new PutCommand({ TableName: TABLE, Item: { id: r.Sns.MessageId, note: r.Sns.Message } }),
    );
}

/** Waits longer than its timeout, then tries to write: the write must never land. */
export async function slow(event: { id: string }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  await documents.send(new PutCommand({ TableName: TABLE, Item: { id: event.id, note: "after timeout" } }));
}

/** Records every SQS message body it receives under the message id. */
export async function fromQueue(event: import("aws-lambda").SQSEvent): Promise<void> {
  for (const r of event.Records)
    await documents.send(new PutCommand({ TableName: TABLE, Item: { id: r.messageId, note: r.body } }));
}

/** Fails on every stream batch, so its records end at the mapping's on-failure destination. */
export async function rejectStream(): Promise<void> {
  throw new Error("cannot handle stream records");
}

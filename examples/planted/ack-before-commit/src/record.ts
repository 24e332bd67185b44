import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sqs = new SQSClient({});
const ORDERS = process.env.ORDERS_TABLE;
const QUEUE_URL = process.env.INCOMING_QUEUE_URL;

async function save(record: SQSRecord): Promise<void> {
  const order = JSON.parse(record.body) as { orderId: string };
  await documents.send(new PutCommand({ TableName: ORDERS, Item: { ...order } }));
}

/**
 * Acknowledges before it commits: deletes each message as soon as it has it ("so a slow batch is
 * not delivered twice"), then saves the order. When the save fails — a throttled table, a
 * timeout — the message is already gone, and so is the order.
 */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: record.receiptHandle }));
    await save(record);
  }
}

/** Commits, then lets Lambda acknowledge: only the messages that were saved are deleted. */
export async function handlerCommitFirst(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      await save(record);
    } catch (error) {
      console.error(`message ${record.messageId} not saved: ${String(error)}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

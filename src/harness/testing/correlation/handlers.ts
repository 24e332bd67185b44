import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBStreamEvent, SNSEvent, SQSEvent } from "aws-lambda";

// Handlers of the correlation integration tests, written as a user would: each passes the
// correlation id on, except restock in the "lossy" app, which forgets to.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sns = new SNSClient({});

const attribute = (id: string | undefined) =>
  id === undefined ? {} : { correlationId: { DataType: "String", StringValue: id } };

/** Reserves stock for each order, keeping the order's correlation id on the item. */
export async function reserve(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const order = JSON.parse(record.body) as { sku: string; qty: number; failFirst?: boolean };
    if (order.failFirst === true && record.attributes.ApproximateReceiveCount === "1")
      throw new Error("stock service busy");
    const correlationId = record.messageAttributes.correlationId?.stringValue;
    await documents.send(
      new PutCommand({
        TableName: process.env.STOCK_TABLE,
        Item: { sku: order.sku, qty: order.qty, ...(correlationId === undefined ? {} : { correlationId }) },
      }),
    );
  }
}

/** Announces every stock change on the Changes topic, with the id the item carries. */
export async function announce(event: DynamoDBStreamEvent): Promise<void> {
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    await sns.send(
      new PublishCommand({
        TopicArn: process.env.CHANGES_TOPIC,
        Message: JSON.stringify({ sku: image?.sku?.S }),
        MessageAttributes: attribute(image?.correlationId?.S),
      }),
    );
  }
}

/** Records a notification per change, with its correlation id. */
export async function notify(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    const correlationId = record.Sns.MessageAttributes.correlationId?.Value;
    await documents.send(
      new PutCommand({
        TableName: process.env.NOTES_TABLE,
        Item: { id: record.Sns.MessageId, ...(correlationId === undefined ? {} : { correlationId }) },
      }),
    );
  }
}

/** Raises an alert per change it reads from the Restock queue (SNS envelopes). */
export async function restock(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const envelope = JSON.parse(record.body) as { MessageAttributes?: Record<string, { Value: string }> };
    const correlationId = envelope.MessageAttributes?.correlationId?.Value;
    const copy = process.env.COPY_CORRELATION_ID === "yes";
    await sns.send(
      new PublishCommand({
        TopicArn: process.env.ALERTS_TOPIC,
        Message: "restock",
        MessageAttributes: copy ? attribute(correlationId) : {},
      }),
    );
  }
}

/** Answers a direct invocation, logging the correlation id it was given (as Powertools' logger would). */
export async function echo(event: { correlationId?: string }): Promise<{ echoed: string | undefined }> {
  console.log(`echo [correlationId=${event.correlationId ?? "none"}]`);
  return { echoed: event.correlationId };
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBStreamEvent, SQSEvent } from "aws-lambda";

// Handlers of the Lambda fault tests: each delivery leaves an item of its own, so a test can
// count the deliveries whose effects landed.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.TABLE_NAME;

/** One item per message and receive: `<messageId>#<ApproximateReceiveCount>`. */
export async function everyReceive(event: SQSEvent): Promise<void> {
  for (const r of event.Records)
    await documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: { id: `${r.messageId}#${r.attributes.ApproximateReceiveCount}` },
      }),
    );
}

/** One item per stream record and batch attempt: `<key>@<virtual ms>`. */
export async function everyStreamBatch(event: DynamoDBStreamEvent): Promise<void> {
  for (const r of event.Records)
    await documents.send(
      new PutCommand({ TableName: TABLE, Item: { id: `${r.dynamodb?.Keys?.id?.S}@${Date.now()}` } }),
    );
}

import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const SHIPMENTS = process.env.SHIPMENTS_TABLE;

/** A carrier's tracking event: `seq` grows with every event of a shipment. */
interface TrackingEvent {
  readonly shipmentId: string;
  readonly seq: number;
  readonly status: string;
}

/** Stores each event's status as the shipment's. An older event that arrives late wins. */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const tracking = JSON.parse(record.body) as TrackingEvent;
    await documents.send(new PutCommand({ TableName: SHIPMENTS, Item: { ...tracking } }));
  }
}

/** Stores an event's status only if it is newer than the stored one; a late, older event is dropped. */
export async function handlerInOrder(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const tracking = JSON.parse(record.body) as TrackingEvent;
    try {
      await documents.send(
        new PutCommand({
          TableName: SHIPMENTS,
          Item: { ...tracking },
          ConditionExpression: "attribute_not_exists(seq) OR seq < :seq",
          ExpressionAttributeValues: { ":seq": tracking.seq },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      console.log(`shipment ${tracking.shipmentId}: event ${tracking.seq} is older than the stored one`);
    }
  }
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import { parseRequest } from "./request.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const CONCERTS = process.env.CONCERTS_TABLE;
const BOOKINGS = process.env.BOOKINGS_TABLE;

/**
 * Check, then act: reads the seats left, and if there are enough, books and writes the new count.
 * Two requests for the last seats that interleave both see them free, and both book.
 */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const request = parseRequest(record.body);
    const { Item: concert } = await documents.send(
      new GetCommand({ TableName: CONCERTS, Key: { concertId: request.concertId } }),
    );
    const seatsLeft = (concert?.seatsLeft as number | undefined) ?? 0;
    if (seatsLeft < request.seats) {
      console.log(`booking ${request.bookingId}: sold out`);
      continue;
    }
    await documents.send(new PutCommand({ TableName: BOOKINGS, Item: { ...request } }));
    await documents.send(
      new UpdateCommand({
        TableName: CONCERTS,
        Key: { concertId: request.concertId },
        UpdateExpression: "SET seatsLeft = :left",
        ExpressionAttributeValues: { ":left": seatsLeft - request.seats },
      }),
    );
  }
}

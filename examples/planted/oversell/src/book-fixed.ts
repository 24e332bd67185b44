import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import { parseRequest } from "./request.ts";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const CONCERTS = process.env.CONCERTS_TABLE;
const BOOKINGS = process.env.BOOKINGS_TABLE;

/**
 * The check and the act in one conditional transaction: the seats are taken only while enough are
 * left, and a booking is written only once, so interleaved requests cannot oversell.
 */
export async function handler(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const request = parseRequest(record.body);
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: CONCERTS,
                Key: { concertId: request.concertId },
                UpdateExpression: "SET seatsLeft = seatsLeft - :seats",
                ConditionExpression: "seatsLeft >= :seats",
                ExpressionAttributeValues: { ":seats": request.seats },
              },
            },
            {
              Put: {
                TableName: BOOKINGS,
                Item: { ...request },
                ConditionExpression: "attribute_not_exists(bookingId)",
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      console.log(`booking ${request.bookingId}: sold out or already booked`);
    }
  }
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const ATTENDEES = process.env.ATTENDEES_TABLE;
const MEETUPS = process.env.MEETUPS_TABLE;

/** An entry of the Activity log: an RSVP, or the organiser closing a meetup's RSVPs. */
interface Activity {
  readonly activityId: string;
  readonly kind: "rsvp" | "close";
  readonly meetupId: string;
  readonly name?: string;
}

/** The new entries of a batch of Activity stream records, in stream order. */
function newActivities(event: DynamoDBStreamEvent): Activity[] {
  return event.Records.filter((r) => r.eventName === "INSERT").map(
    (r) => unmarshall((r.dynamodb?.NewImage ?? {}) as never) as Activity,
  );
}

/** Applies one entry: an RSVP adds an attendee; a close cancels the meetup if nobody is coming. */
async function apply(activity: Activity): Promise<void> {
  if (activity.kind === "rsvp") {
    await documents.send(
      new PutCommand({
        TableName: ATTENDEES,
        Item: { meetupId: activity.meetupId, name: activity.name ?? activity.activityId },
      }),
    );
    return;
  }
  const { Count: coming = 0 } = await documents.send(
    new QueryCommand({
      TableName: ATTENDEES,
      KeyConditionExpression: "meetupId = :m",
      ExpressionAttributeValues: { ":m": activity.meetupId },
      Select: "COUNT",
    }),
  );
  await documents.send(
    new PutCommand({
      TableName: MEETUPS,
      Item: { meetupId: activity.meetupId, status: coming === 0 ? "cancelled" : "confirmed" },
    }),
  );
}

/**
 * Applies the batch's entries all at once, to be fast. The stream delivers a meetup's RSVPs
 * before its close, but in parallel the close's count can run before every RSVP of the batch is
 * stored: it then counts nobody and cancels a meetup people are coming to.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  await Promise.all(newActivities(event).map(apply));
}

/** Applies the entries one after another, in stream order: a close counts every earlier RSVP. */
export async function handlerInOrder(event: DynamoDBStreamEvent): Promise<void> {
  for (const activity of newActivities(event)) await apply(activity);
}

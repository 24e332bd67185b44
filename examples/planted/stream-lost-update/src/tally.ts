import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TOTALS = process.env.TOTALS_TABLE;

interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: number;
}

/** The new orders of a batch of Orders stream records. */
function newOrders(event: DynamoDBStreamEvent): Order[] {
  return event.Records.filter((r: DynamoDBRecord) => r.eventName === "INSERT").map(
    (r) => unmarshall((r.dynamodb?.NewImage ?? {}) as never) as Order,
  );
}

/**
 * Keeps each customer's total spend, processing the batch's records in parallel to be fast: each
 * reads the total, adds its order and writes the sum back, so two orders of one customer in a
 * batch both read the old total and one of them is lost.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  await Promise.all(
    newOrders(event).map(async (order) => {
      const { Item: totals } = await documents.send(
        new GetCommand({ TableName: TOTALS, Key: { customerId: order.customerId } }),
      );
      const spent = ((totals?.spent as number | undefined) ?? 0) + order.amount;
      await documents.send(
        new PutCommand({ TableName: TOTALS, Item: { customerId: order.customerId, spent } }),
      );
    }),
  );
}

/** The same in parallel, with the addition done by DynamoDB (ADD), which does not lose updates. */
export async function handlerAtomic(event: DynamoDBStreamEvent): Promise<void> {
  await Promise.all(
    newOrders(event).map((order) =>
      documents.send(
        new UpdateCommand({
          TableName: TOTALS,
          Key: { customerId: order.customerId },
          UpdateExpression: "ADD spent :amount",
          ExpressionAttributeValues: { ":amount": order.amount },
        }),
      ),
    ),
  );
}

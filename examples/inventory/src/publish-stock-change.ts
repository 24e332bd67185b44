import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import type { StockChange } from "./order.ts";

const sns = new SNSClient({});
const TOPIC = process.env.STOCK_EVENTS_TOPIC;
const LOW_STOCK = Number(process.env.LOW_STOCK_THRESHOLD ?? 5);

/** Publishes every stock decrease of the Inventory stream to StockEvents, flagging low stock. */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  for (const record of event.Records) {
    if (record.eventName !== "MODIFY" || record.dynamodb?.NewImage === undefined) continue;
    const next = unmarshall(record.dynamodb.NewImage as never);
    const previous = unmarshall((record.dynamodb.OldImage ?? {}) as never);
    if (!(typeof next.stock === "number" && next.stock < (previous.stock as number))) continue;
    const change: StockChange = {
      sku: next.sku as string,
      stock: next.stock,
      orderId: next.lastOrderId as string,
    };
    await sns.send(
      new PublishCommand({
        TopicArn: TOPIC,
        Message: JSON.stringify(change),
        MessageAttributes: {
          lowStock: { DataType: "String", StringValue: String(next.stock < LOW_STOCK) },
          sku: { DataType: "String", StringValue: change.sku },
        },
      }),
    );
  }
}

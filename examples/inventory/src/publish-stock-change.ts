import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { stockDecreases } from "./stock-change.ts";

const sns = new SNSClient({});
const TOPIC = process.env.STOCK_EVENTS_TOPIC;
const LOW_STOCK = Number(process.env.LOW_STOCK_THRESHOLD ?? 5);

/**
 * Publishes every stock decrease of the Inventory stream to StockEvents, flagging low stock and
 * passing on the correlation id of the order that caused it.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  for (const { change, lowStock, correlationId } of stockDecreases(event.Records, LOW_STOCK)) {
    await sns.send(
      new PublishCommand({
        TopicArn: TOPIC,
        Message: JSON.stringify(change),
        MessageAttributes: {
          lowStock: { DataType: "String", StringValue: String(lowStock) },
          sku: { DataType: "String", StringValue: change.sku },
          ...(correlationId === undefined
            ? {}
            : { correlationId: { DataType: "String", StringValue: correlationId } }),
        },
      }),
    );
  }
}

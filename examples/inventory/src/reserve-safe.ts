import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { correlationIdOf, type Order, parseOrder } from "./order.ts";
import { stockUpdate } from "./stock-update.ts";

const client = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(client);
const INVENTORY = process.env.INVENTORY_TABLE;
const RESERVATIONS = process.env.RESERVATIONS_TABLE;

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName: process.env.IDEMPOTENCY_TABLE ?? "Idempotency",
  awsSdkV3Client: client,
});
const config = new IdempotencyConfig({ eventKeyJmesPath: "orderId", expiresAfterSeconds: 3600 });

/**
 * Reserves stock for one order exactly once: the stock decrement (only while enough is left)
 * and the reservation (only if the order has none) commit together, so a retried delivery or a
 * concurrent order can neither reserve twice nor oversell.
 */
async function reserve(
  order: Order,
  correlationId: string | undefined,
): Promise<{ orderId: string; status: "reserved" | "out-of-stock" }> {
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: INVENTORY,
              Key: { sku: order.sku },
              ...stockUpdate("stock = stock - :qty", { ":qty": order.qty }, order, correlationId),
              ConditionExpression: "stock >= :qty",
            },
          },
          {
            Put: {
              TableName: RESERVATIONS,
              Item: { reservationId: order.orderId, orderId: order.orderId, sku: order.sku, qty: order.qty },
              ConditionExpression: "attribute_not_exists(reservationId)",
            },
          },
        ],
      }),
    );
    console.log(`order ${order.orderId}: reserved ${order.qty} x ${order.sku}`);
    return { orderId: order.orderId, status: "reserved" };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [stock, reservation] = error.CancellationReasons ?? [];
    if (reservation?.Code === "ConditionalCheckFailed") return { orderId: order.orderId, status: "reserved" };
    if (stock?.Code === "ConditionalCheckFailed") {
      console.log(`order ${order.orderId}: out of stock for ${order.sku}`);
      return { orderId: order.orderId, status: "out-of-stock" };
    }
    throw error;
  }
}

// Powertools remembers each order's result, so a redelivered order returns the same response
// without running again.
const reserveOnce = makeIdempotent(reserve, { persistenceStore, config });

/** Reserves every order of a batch; a failed order alone is retried (partial batch response). */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  config.registerLambdaContext(context);
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      await reserveOnce(parseOrder(record.body), correlationIdOf(record));
    } catch (error) {
      console.error(`message ${record.messageId} failed: ${String(error)}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

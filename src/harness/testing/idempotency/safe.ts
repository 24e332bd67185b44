import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { dynamodb, type Order, reserve } from "./reserve.ts";

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName: process.env.IDEMPOTENCY_TABLE ?? "Idempotency",
  awsSdkV3Client: dynamodb,
});
const config = new IdempotencyConfig({ eventKeyJmesPath: "orderId", expiresAfterSeconds: 3600 });

/** Reserves an order once; a repeated order gets the first call's response from the cache. */
export const reserveOrder = makeIdempotent(reserve, { persistenceStore, config });

const reserveOnce = makeIdempotent(reserve, { persistenceStore, config });

/** Reserves each order of a batch once; an order still in progress elsewhere is retried later. */
export async function reserveBatch(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  config.registerLambdaContext(context);
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      await reserveOnce(JSON.parse(record.body) as Order);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

const READINGS = process.env.READINGS_TABLE;
// "We retry ourselves": the SDK's own retries, with their jittered back-off, turned off.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 1 }));
// The fixed twin leaves retrying to the SDK, in the mode that also slows its sending rate down
// when DynamoDB throttles.
const adaptive = DynamoDBDocumentClient.from(new DynamoDBClient({ retryMode: "adaptive" }));

function put(client: DynamoDBDocumentClient, record: SQSRecord) {
  return client.send(new PutCommand({ TableName: READINGS, Item: JSON.parse(record.body) }));
}

function isThrottled(error: unknown): boolean {
  return (error as { name?: string }).name === "ProvisionedThroughputExceededException";
}

/**
 * Stores a batch of readings in parallel and, when throttled, tries again: ten times, every
 * 50 ms, without back-off or jitter — every reading of every invocation hammering the throttled
 * table in step with the others, and a batch that still fails comes back whole to do it again.
 */
export async function handler(event: SQSEvent): Promise<void> {
  await Promise.all(
    event.Records.map(async (record) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await put(documents, record);
        } catch (error) {
          if (!isThrottled(error) || attempt === 10) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    }),
  );
}

/**
 * Stores the readings once each, with the SDK's adaptive retries only; a reading still throttled
 * goes back to the queue, which offers it again after its visibility timeout.
 */
export async function handlerBackingOff(event: SQSEvent): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(event.Records.map((record) => put(adaptive, record)));
  const batchItemFailures: { itemIdentifier: string }[] = [];
  results.forEach((result, i) => {
    const record = event.Records[i];
    if (result.status === "rejected" && record !== undefined)
      batchItemFailures.push({ itemIdentifier: record.messageId });
  });
  return { batchItemFailures };
}

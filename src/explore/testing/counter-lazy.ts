import type { SQSEvent } from "aws-lambda";

// The counter loading its SDK client lazily: a dynamic import, which leaves this file to Node's
// module loader (one module per execution environment), as some teams do to trim cold starts.
const client = import("@aws-sdk/client-dynamodb").then((sdk) => ({
  sdk,
  dynamodb: new sdk.DynamoDBClient({}),
}));

/** Counts every message it receives — once per delivery, so a duplicate counts twice. */
export async function handler(event: SQSEvent): Promise<void> {
  const { sdk, dynamodb } = await client;
  for (const _record of event.Records) {
    await dynamodb.send(
      new sdk.UpdateItemCommand({
        TableName: process.env.COUNTERS_TABLE,
        Key: { id: { S: "messages" } },
        UpdateExpression: "ADD seen :one",
        ExpressionAttributeValues: { ":one": { N: "1" } },
      }),
    );
  }
}

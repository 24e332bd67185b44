import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

// Made at module scope, as handler code usually does: it is built in the environment's init.
const client = new DynamoDBClient({});

/** Writes one item (every write is throttled in the tests) and reports how the client retried. */
export async function probe(): Promise<Record<string, unknown>> {
  const write = new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { id: { S: "a" } } });
  const error = (await client.send(write).catch((e: unknown) => e)) as { name?: string; $metadata?: object };
  return {
    error: error?.name ?? null,
    attempts: (error?.$metadata as { attempts?: number } | undefined)?.attempts ?? null,
    maxAttempts: await (client.config.maxAttempts as () => Promise<number>)(),
    retryMode: await (client.config.retryMode as () => Promise<string>)(),
    variables: {
      TABLE_NAME: process.env.TABLE_NAME ?? null,
      AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME ?? null,
      AWS_MAX_ATTEMPTS: process.env.AWS_MAX_ATTEMPTS ?? null,
      AWS_PROFILE: process.env.AWS_PROFILE ?? null,
    },
  };
}

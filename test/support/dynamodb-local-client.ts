/**
 * A real AWS SDK client for the DynamoDB Local that the global setup started. DynamoDB Local keeps
 * tables apart per access key (without -sharedDb), so a distinct access key per test file (or per
 * run) gives each its own empty database on the one shared server.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { inject } from "vitest";

/** Options for {@link dynamodbLocalClient}. */
export interface DynamoDbLocalClientOptions {
  /** Names the isolated database: use the test file's name (plus a suffix for a second database). */
  readonly accessKeyId: string;
  /** Overrides the injected endpoint (e.g. outside Vitest). */
  readonly endpoint?: string;
}

/** The injected DynamoDB Local endpoint; throws a message that says how to get one. */
export function dynamodbLocalEndpoint(): string {
  const endpoint = inject("dynamodbLocalEndpoint");
  if (endpoint === undefined || endpoint === "") {
    throw new Error(
      "DynamoDB Local is not running: the Vitest global setup (test/global-setup.ts) starts it unless " +
        "SQUALL_DYNAMODB_LOCAL=off; or set SQUALL_DYNAMODB_LOCAL_ENDPOINT=http://127.0.0.1:<port>",
    );
  }
  return endpoint;
}

// Access keys must be alphanumeric for DynamoDB Local to accept them as database names.
function sanitise(accessKeyId: string): string {
  const cleaned = accessKeyId.replace(/[^A-Za-z0-9]/g, "");
  return cleaned === "" ? "squall" : cleaned;
}

function clientConfig(options: DynamoDbLocalClientOptions): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
} {
  return {
    endpoint: options.endpoint ?? dynamodbLocalEndpoint(),
    region: "us-east-1",
    credentials: { accessKeyId: sanitise(options.accessKeyId), secretAccessKey: "squall" },
    // Retries would hide differences (a throttle retried into success), so every call is one attempt.
    maxAttempts: 1,
  };
}

/**
 * A `DynamoDBClient` for DynamoDB Local with its own database named by the access key.
 *
 * @example
 * const client = dynamodbLocalClient({ accessKeyId: "tableTest" });
 * await client.send(new ListTablesCommand({}));
 */
export function dynamodbLocalClient(options: DynamoDbLocalClientOptions): DynamoDBClient {
  return new DynamoDBClient(clientConfig(options));
}

/**
 * A `DynamoDBStreamsClient` that sees the streams of the tables {@link dynamodbLocalClient} made
 * with the same access key.
 *
 * @example
 * const streams = dynamodbLocalStreamsClient({ accessKeyId: "tableTest" });
 */
export function dynamodbLocalStreamsClient(options: DynamoDbLocalClientOptions): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient(clientConfig(options));
}

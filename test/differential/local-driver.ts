/**
 * The DynamoDB Local driver: sends each request through the real AWS SDK v3 client, so requests
 * cross the same serialisation and error parsing that handler code sees in production.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from "@aws-sdk/client-dynamodb-streams";
import { dynamodbLocalClient, dynamodbLocalStreamsClient } from "../support/dynamodb-local-client.ts";
import type { Outcome, TableDriver, TableDriverFactory } from "./driver.ts";

// The command classes differ only in their input and output types, which the driver does not know
// (it deals in plain records), so each class is seen through this one untyped constructor shape
// and sent with its types erased. The SDK itself then serialises whatever the input holds.
type CommandClass = new (input: never) => object;

const tableCommands: Record<string, CommandClass> = {
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  CreateTable: CreateTableCommand,
  DeleteItem: DeleteItemCommand,
  DeleteTable: DeleteTableCommand,
  DescribeTable: DescribeTableCommand,
  GetItem: GetItemCommand,
  ListTables: ListTablesCommand,
  PutItem: PutItemCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  UpdateItem: UpdateItemCommand,
};

const streamCommands: Record<string, CommandClass> = {
  DescribeStream: DescribeStreamCommand,
  GetRecords: GetRecordsCommand,
  GetShardIterator: GetShardIteratorCommand,
  ListStreams: ListStreamsCommand,
};

// SDK bookkeeping on exceptions, not part of what the service said.
const errorBookkeeping = new Set([
  "$fault",
  "$retryable",
  "$metadata",
  "$response",
  "name",
  "message",
  "__type",
]);

/** Turns whatever the SDK threw into an outcome; non-service errors keep their own name. */
export function errorOutcome(error: unknown): Outcome {
  if (!(error instanceof Error)) return { ok: false, errorName: "NonError", message: String(error) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (!errorBookkeeping.has(key) && value !== undefined) fields[key] = value;
  }
  const base = { ok: false as const, errorName: error.name, message: error.message };
  return Object.keys(fields).length === 0 ? base : { ...base, fields };
}

function okOutcome(output: unknown): Outcome {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(output as Record<string, unknown>)) {
    if (key !== "$metadata" && value !== undefined) rest[key] = value;
  }
  return { ok: true, output: rest };
}

/**
 * A driver for DynamoDB Local whose database is named by `accessKeyId` (letters and digits).
 *
 * @example
 * const driver = dynamodbLocalDriver("diffA17");
 */
export function dynamodbLocalDriver(accessKeyId: string): TableDriver {
  const tables = dynamodbLocalClient({ accessKeyId });
  const streams = dynamodbLocalStreamsClient({ accessKeyId });
  return {
    async send(operation, input) {
      try {
        const tableCommand = tableCommands[operation];
        if (tableCommand !== undefined)
          return okOutcome(await tables.send(new tableCommand(input as never) as never));
        const streamCommand = streamCommands[operation];
        if (streamCommand !== undefined)
          return okOutcome(await streams.send(new streamCommand(input as never) as never));
        return { ok: false, errorName: "UnknownOperation", message: `no command for ${operation}` };
      } catch (error) {
        return errorOutcome(error);
      }
    },
  };
}

/**
 * A factory of DynamoDB Local drivers: each case gets the database `<prefix><caseId>`.
 *
 * @example
 * const factory = dynamodbLocalDriverFactory("diffA");
 */
export function dynamodbLocalDriverFactory(prefix: string): TableDriverFactory {
  return (databaseId) => dynamodbLocalDriver(`${prefix}${databaseId}`);
}

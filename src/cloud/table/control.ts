import { AwsServiceError } from "../aws-error.ts";
import { readCreateTable } from "./create-table.ts";
import { describeTable } from "./describe.ts";
import type { Engine } from "./engine.ts";
import { validationError } from "./errors.ts";
import type { TableDefinition } from "./model.ts";
import type { Input } from "./request.ts";
import {
  checkName,
  optionalBoolean,
  optionalInteger,
  optionalRecord,
  optionalString,
  tableNameOf,
} from "./request.ts";
import { Table } from "./table.ts";

/** `YYYY-MM-DDThh:mm:ss.sss` in UTC: DynamoDB's stream label format. */
function streamLabel(atMs: number): string {
  return new Date(atMs).toISOString().slice(0, 23);
}

/** CreateTable: the table is ACTIVE at once (creation takes no virtual time). */
export function createTable(engine: Engine, input: Input): Record<string, unknown> {
  const request = readCreateTable(input);
  if (engine.tables.has(request.tableName)) {
    // DynamoDB Local says "Cannot create preexisting table"; the service names the table.
    throw new AwsServiceError("ResourceInUseException", `Table already exists: ${request.tableName}`);
  }
  const { region, accountId } = engine.settings;
  const nowMs = engine.kernel.nowMs();
  const tableArn = `arn:aws:dynamodb:${region}:${accountId}:table/${request.tableName}`;
  const { streamViewType, ...rest } = request;
  const label = streamLabel(nowMs);
  const definition: TableDefinition = {
    ...rest,
    tableArn,
    createdAtMs: nowMs,
    ...(streamViewType === undefined
      ? {}
      : { stream: { viewType: streamViewType, label, streamArn: `${tableArn}/stream/${label}` } }),
  };
  const table = new Table(definition);
  engine.tables.set(request.tableName, table);
  return { TableDescription: describeTable(table) };
}

/** DescribeTable. */
export function describeTableOp(engine: Engine, input: Input): Record<string, unknown> {
  return { Table: describeTable(engine.table(tableNameOf(input))) };
}

/** DeleteTable: gone at once; the description says DELETING, as the service's answer does. */
export function deleteTable(engine: Engine, input: Input): Record<string, unknown> {
  const table = engine.table(tableNameOf(input));
  if (table.definition.deletionProtection) {
    throw validationError(
      "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.",
    );
  }
  engine.tables.delete(table.definition.tableName);
  return { TableDescription: describeTable(table, "DELETING") };
}

/** ListTables, in name order, paged by Limit and ExclusiveStartTableName. */
export function listTables(engine: Engine, input: Input): Record<string, unknown> {
  const limit = optionalInteger(input, "Limit") ?? 100;
  if (limit < 1) throw validationError("Limit must be greater than or equal to 1");
  if (limit > 100) throw validationError("Limit must be less than or equal to 100");
  const start = optionalString(input, "ExclusiveStartTableName");
  if (start !== undefined) checkName(start);
  const names = [...engine.tables.keys()].sort().filter((name) => start === undefined || name > start);
  const page = names.slice(0, limit);
  const out: Record<string, unknown> = { TableNames: page };
  if (names.length > limit) out.LastEvaluatedTableName = page[page.length - 1];
  return out;
}

/** UpdateTimeToLive: stores the TTL setting on the table; the TTL sweeper reads it. */
export function updateTimeToLive(engine: Engine, input: Input): Record<string, unknown> {
  const table = engine.table(tableNameOf(input));
  const spec = optionalRecord(input, "TimeToLiveSpecification");
  if (spec === undefined) throw validationError("TimeToLiveSpecification cannot be null");
  const enabled = optionalBoolean(spec, "Enabled");
  const attributeName = optionalString(spec, "AttributeName");
  if (attributeName === "") {
    throw validationError(
      "Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive",
    );
  }
  if (enabled === undefined) {
    // DynamoDB Local words this as a missing AttributeName; the member that is missing is Enabled.
    throw validationError(
      "1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null",
    );
  }
  if (attributeName === undefined) {
    throw validationError(
      `AttributeName cannot be null when time to live is being ${enabled ? "enabled" : "disabled"}`,
    );
  }
  const current = table.definition.ttl;
  if (current?.enabled === true && enabled && current.attributeName === attributeName) {
    throw validationError("TimeToLive is already enabled");
  }
  if (current?.enabled === true && current.attributeName !== attributeName) {
    throw validationError("TimeToLive is active on a different AttributeName");
  }
  if (current?.enabled !== true && !enabled) throw validationError("TimeToLive is already disabled");
  table.definition = { ...table.definition, ttl: { attributeName, enabled } };
  return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } };
}

/** DescribeTimeToLive. */
export function describeTimeToLive(engine: Engine, input: Input): Record<string, unknown> {
  const ttl = engine.table(tableNameOf(input)).definition.ttl;
  if (ttl === undefined || !ttl.enabled) return { TimeToLiveDescription: { TimeToLiveStatus: "DISABLED" } };
  return { TimeToLiveDescription: { TimeToLiveStatus: "ENABLED", AttributeName: ttl.attributeName } };
}

import { storeSizeBytes } from "./item-store.ts";

import type { GsiDefinition, KeySchema, ProvisionedThroughput } from "./model.ts";
import type { Table } from "./table.ts";

function keySchemaOut(keys: KeySchema): Record<string, string>[] {
  const out = [{ AttributeName: keys.partition.name, KeyType: "HASH" }];
  if (keys.sort !== undefined) out.push({ AttributeName: keys.sort.name, KeyType: "RANGE" });
  return out;
}

function throughputOut(
  provisioned: ProvisionedThroughput | undefined,
  ofTable: boolean,
): Record<string, unknown> {
  return {
    // DynamoDB Local reports NumberOfDecreasesToday for the table only, not for its GSIs.
    ...(ofTable ? { NumberOfDecreasesToday: 0 } : {}),
    ReadCapacityUnits: provisioned?.readCapacityUnits ?? 0,
    WriteCapacityUnits: provisioned?.writeCapacityUnits ?? 0,
  };
}

function gsiOut(table: Table, gsi: GsiDefinition): Record<string, unknown> {
  const state = table.indexes.get(gsi.indexName);
  const projection: Record<string, unknown> = { ProjectionType: gsi.projection.type };
  if (gsi.projection.nonKeyAttributes !== undefined)
    projection.NonKeyAttributes = [...gsi.projection.nonKeyAttributes];
  return {
    IndexName: gsi.indexName,
    KeySchema: keySchemaOut(gsi.keys),
    Projection: projection,
    IndexStatus: "ACTIVE",
    ProvisionedThroughput: throughputOut(gsi.provisioned, false),
    IndexSizeBytes: storeSizeBytes(state?.store),
    ItemCount: state?.store.size ?? 0,
    IndexArn: `${table.definition.tableArn}/index/${gsi.indexName}`,
  };
}

/**
 * A table's `TableDescription`, as DescribeTable, CreateTable and DeleteTable return it. Dates are
 * `Date` objects, as the SDK hands them to callers.
 *
 * @example
 * const { Table } = { Table: describeTable(table) };
 */
export function describeTable(table: Table, status = "ACTIVE"): Record<string, unknown> {
  const def = table.definition;
  const created = new Date(def.createdAtMs);
  const out: Record<string, unknown> = {
    AttributeDefinitions: def.attributeDefinitions.map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    TableName: def.tableName,
    KeySchema: keySchemaOut(def.keys),
    TableStatus: status,
    CreationDateTime: created,
    ProvisionedThroughput: throughputOut(def.provisioned, true),
    TableSizeBytes: table.tableSizeBytes,
    ItemCount: table.itemCount,
    TableArn: def.tableArn,
  };
  if (def.billingMode === "PAY_PER_REQUEST") {
    out.BillingModeSummary = {
      BillingMode: "PAY_PER_REQUEST",
      LastUpdateToPayPerRequestDateTime: created,
    };
  }
  if (def.gsis.length > 0) out.GlobalSecondaryIndexes = def.gsis.map((gsi) => gsiOut(table, gsi));
  if (def.stream !== undefined) {
    out.StreamSpecification = { StreamEnabled: true, StreamViewType: def.stream.viewType };
    out.LatestStreamLabel = def.stream.label;
    out.LatestStreamArn = def.stream.streamArn;
  }
  out.DeletionProtectionEnabled = def.deletionProtection;
  return out;
}

import type { KeyAttribute, Projection, TableDefinition } from "./model.ts";

/**
 * The DynamoDB `CreateTable` request for a table of the app, under its physical name. Attribute
 * definitions are derived from the table's and indexes' keys.
 *
 * @example
 * dynamodb.handle("CreateTable", toCreateTableInput("pr-1-Inventory", app.tables.Inventory));
 */
export function toCreateTableInput(physicalName: string, table: TableDefinition): Record<string, unknown> {
  const attributes = new Map<string, string>();
  const keySchema = (partition: KeyAttribute, sort: KeyAttribute | undefined) => {
    const keys = sort === undefined ? [partition] : [partition, sort];
    for (const k of keys) attributes.set(k.name, k.type);
    return keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? "HASH" : "RANGE" }));
  };
  const input: Record<string, unknown> = {
    TableName: physicalName,
    KeySchema: keySchema(table.partitionKey, table.sortKey),
  };
  const billing = table.billing ?? { mode: "PAY_PER_REQUEST" };
  input.BillingMode = billing.mode;
  if (billing.mode === "PROVISIONED") {
    input.ProvisionedThroughput = throughput(billing);
  }
  const indexes = Object.entries(table.globalSecondaryIndexes ?? {});
  if (indexes.length > 0) {
    input.GlobalSecondaryIndexes = indexes.map(([name, index]) => ({
      IndexName: name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: projection(index.projection ?? "ALL"),
      ...(index.capacity ? { ProvisionedThroughput: throughput(index.capacity) } : {}),
    }));
  }
  input.AttributeDefinitions = [...attributes].map(([name, type]) => ({
    AttributeName: name,
    AttributeType: type,
  }));
  if (table.stream !== undefined)
    input.StreamSpecification = { StreamEnabled: true, StreamViewType: table.stream };
  return input;
}

function throughput(c: { readCapacityUnits: number; writeCapacityUnits: number }): Record<string, number> {
  return { ReadCapacityUnits: c.readCapacityUnits, WriteCapacityUnits: c.writeCapacityUnits };
}

function projection(p: Projection): Record<string, unknown> {
  if (p === "ALL" || p === "KEYS_ONLY") return { ProjectionType: p };
  return { ProjectionType: "INCLUDE", NonKeyAttributes: [...p.include] };
}

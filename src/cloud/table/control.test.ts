import { describe, expect, it } from "vitest";
import { tableInput, testService } from "./testing/fixtures.ts";

describe("control plane", () => {
  it("creates, describes, lists and deletes tables", () => {
    const { call, service } = testService({ table: false, region: "eu-west-1", accountId: "123456789012" });
    const created = call("CreateTable", tableInput("Orders")).TableDescription as Record<string, unknown>;
    expect(created.TableArn).toBe("arn:aws:dynamodb:eu-west-1:123456789012:table/Orders");
    expect(created.TableStatus).toBe("ACTIVE");
    call("CreateTable", tableInput("Accounts"));
    expect(call("ListTables", {})).toEqual({ TableNames: ["Accounts", "Orders"] });
    expect(call("ListTables", { Limit: 1 })).toEqual({
      TableNames: ["Accounts"],
      LastEvaluatedTableName: "Accounts",
    });
    expect(call("ListTables", { ExclusiveStartTableName: "Accounts" })).toEqual({ TableNames: ["Orders"] });
    const described = call("DescribeTable", { TableName: "Orders" }).Table as Record<string, unknown>;
    expect(described.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(service.describe("Orders")?.billingMode).toBe("PAY_PER_REQUEST");
    call("DeleteTable", { TableName: "Orders" });
    expect(service.tableNames()).toEqual(["Accounts"]);
  });

  it("answers DynamoDB's errors for bad table definitions", () => {
    const { fail } = testService({ table: false });
    const base = tableInput("Orders");
    expect(fail("CreateTable", { ...base, TableName: "ab" }).message).toMatch(/^Invalid table\/index name\./);
    expect(fail("CreateTable", { ...base, KeySchema: [] }).message).toMatch(/^No defined key schema/);
    expect(fail("CreateTable", { ...base, AttributeDefinitions: undefined }).message).toBe(
      "No Attribute Schema Defined",
    );
    expect(fail("CreateTable", { ...base, BillingMode: undefined }).message).toBe(
      "No provisioned throughput specified for the table",
    );
    expect(
      fail("CreateTable", { ...base, AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }] })
        .message,
    ).toBe("Range Key not specified in Attribute Definitions.  Type unknown.");
    expect(fail("CreateTable", { ...base, StreamSpecification: { StreamEnabled: true } }).message).toBe(
      "Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.",
    );
    const lsi = fail("CreateTable", { ...base, LocalSecondaryIndexes: [{ IndexName: "lsi" }] });
    expect(lsi.code).toBe("ValidationException");
    expect(lsi.message).toContain("LocalSecondaryIndexes");
  });

  it("refuses duplicate tables and operations on missing ones", () => {
    const { fail } = testService();
    const dup = fail("CreateTable", tableInput("Tbl"));
    expect([dup.code, dup.message]).toEqual(["ResourceInUseException", "Table already exists: Tbl"]);
    const missing = fail("DescribeTable", { TableName: "Nope" });
    expect([missing.code, missing.message]).toEqual([
      "ResourceNotFoundException",
      "Cannot do operations on a non-existent table",
    ]);
  });

  it("records streams and TTL on the table definition for other services", () => {
    const { call, fail, service, kernel } = testService({
      table: { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } },
    });
    const stream = service.describe("Tbl")?.stream;
    expect(stream?.viewType).toBe("NEW_AND_OLD_IMAGES");
    expect(stream?.streamArn).toBe(
      `arn:aws:dynamodb:us-east-1:000000000000:table/Tbl/stream/${stream?.label}`,
    );
    expect(stream?.label).toBe(new Date(kernel.nowMs()).toISOString().slice(0, 23));
    call("UpdateTimeToLive", {
      TableName: "Tbl",
      TimeToLiveSpecification: { Enabled: true, AttributeName: "exp" },
    });
    expect(service.describe("Tbl")?.ttl).toEqual({ attributeName: "exp", enabled: true });
    expect(call("DescribeTimeToLive", { TableName: "Tbl" })).toEqual({
      TimeToLiveDescription: { TimeToLiveStatus: "ENABLED", AttributeName: "exp" },
    });
    expect(
      fail("UpdateTimeToLive", {
        TableName: "Tbl",
        TimeToLiveSpecification: { Enabled: true, AttributeName: "exp" },
      }).message,
    ).toBe("TimeToLive is already enabled");
  });

  it("rejects unknown operations by name", () => {
    const { fail } = testService();
    const error = fail("RestoreTableFromBackup", {});
    expect(error.code).toBe("UnknownOperationException");
    expect(error.message).toContain("RestoreTableFromBackup");
  });
});

describe("table ARNs", () => {
  it("are accepted wherever a table name is, as the service accepts them (DynamoDB Local does not)", () => {
    const { call, fail } = testService();
    const arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Tbl";
    call("PutItem", { TableName: arn, Item: { pk: { S: "a" }, sk: { N: "1" } } });
    expect(call("GetItem", { TableName: arn, Key: { pk: { S: "a" }, sk: { N: "1" } } }).Item).toBeDefined();
    const batch = call("BatchGetItem", {
      RequestItems: { [arn]: { Keys: [{ pk: { S: "a" }, sk: { N: "1" } }] } },
    });
    expect(Object.keys(batch.Responses as object)).toEqual([arn]);
    const other = fail("DescribeTable", { TableName: "arn:aws:dynamodb:eu-west-1:111111111111:table/Tbl" });
    expect(other.message).toContain("another account or region");
    expect(
      fail("DescribeTable", { TableName: "arn:aws:dynamodb:us-east-1:000000000000:table/Nope" }).code,
    ).toBe("ResourceNotFoundException");
  });
});

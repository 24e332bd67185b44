import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppDefinitionError } from "./app-definition-error.ts";
import { defineApp } from "./define-app.ts";
import type { AppDefinition } from "./model.ts";
import { toCreateTableInput } from "./to-create-table.ts";

const issuesOf = (input: unknown): readonly string[] => {
  try {
    defineApp(input as AppDefinition);
  } catch (error) {
    if (error instanceof AppDefinitionError) return error.issues;
    throw error;
  }
  return [];
};

describe("defineApp", () => {
  it("accepts a table with a stream, TTL, an index and provisioned capacity", () => {
    const app = defineApp({
      name: "inventory",
      tables: {
        Inventory: {
          partitionKey: { name: "sku", type: "S" },
          sortKey: { name: "version", type: "N" },
          stream: "NEW_AND_OLD_IMAGES",
          ttlAttribute: "expiresAt",
          billing: { mode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 5 },
          globalSecondaryIndexes: {
            ByStatus: {
              partitionKey: { name: "status", type: "S" },
              projection: { include: ["qty"] },
              capacity: { readCapacityUnits: 1, writeCapacityUnits: 1 },
            },
          },
        },
      },
    });
    expect(Object.keys(app.tables)).toEqual(["Inventory"]);
  });

  it("names the path and the fix of every problem at once", () => {
    const issues = issuesOf({
      name: "inventory",
      tables: {
        Inventory: {
          partitionKey: { name: "sku", type: "X" },
          stream: "NEW",
          billing: { mode: "PROVISIONED", readCapacityUnits: 0, writeCapacityUnits: 5 },
          globalSecondaryIndexes: { ByStatus: { partitionKey: { name: "status", type: "S" } } },
          ttl: "expiresAt",
        },
      },
    });
    expect(issues).toEqual([
      "app.tables.Inventory.ttl: is not a known setting; known: partitionKey, sortKey, globalSecondaryIndexes, stream, ttlAttribute, billing",
      'app.tables.Inventory.partitionKey.type: "X" is not a key type; use "S" (string), "N" (number) or "B" (binary)',
      'app.tables.Inventory.stream: "NEW" is not a stream view type; use one of KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES',
      "app.tables.Inventory.billing.readCapacityUnits: must be a whole number of capacity units ≥ 1, got 0",
      "app.tables.Inventory.globalSecondaryIndexes.ByStatus.capacity: is required because the table is provisioned: give readCapacityUnits and writeCapacityUnits",
    ]);
  });

  it("rejects one attribute declared with two types", () => {
    const issues = issuesOf({
      name: "a",
      tables: {
        Orders: {
          partitionKey: { name: "id", type: "S" },
          globalSecondaryIndexes: { ById: { partitionKey: { name: "id", type: "N" } } },
        },
      },
    });
    expect(issues).toEqual([
      'app.tables.Orders.globalSecondaryIndexes.ById.partitionKey.type: attribute "id" is declared as S elsewhere in this table; one attribute has one type',
    ]);
  });

  it("throws only AppDefinitionError for any input at all", () => {
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.string(), fc.anything()), (anything, tables) => {
        for (const input of [
          anything,
          { name: "app", tables },
          { name: "app", tables: { Table: anything } },
        ]) {
          try {
            defineApp(input as AppDefinition);
          } catch (error) {
            if (!(error instanceof AppDefinitionError)) throw error;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("toCreateTableInput", () => {
  it("derives attribute definitions from the table's and indexes' keys", () => {
    const input = toCreateTableInput("pr-7-Orders", {
      partitionKey: { name: "id", type: "S" },
      globalSecondaryIndexes: {
        ByCustomer: { partitionKey: { name: "customer", type: "S" }, sortKey: { name: "at", type: "N" } },
      },
      stream: "KEYS_ONLY",
    });
    expect(input).toMatchObject({
      TableName: "pr-7-Orders",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "id", AttributeType: "S" },
        { AttributeName: "customer", AttributeType: "S" },
        { AttributeName: "at", AttributeType: "N" },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" },
    });
  });
});

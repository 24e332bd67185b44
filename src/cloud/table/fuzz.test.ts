import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../aws-error.ts";
import { item, key, tableInput, testService } from "./testing/fixtures.ts";

const T = "Tbl";

/** Valid requests of every operation; the fuzzer breaks one member at a time. */
const VALID: [string, Record<string, unknown>][] = [
  ["CreateTable", tableInput("Other")],
  ["DescribeTable", { TableName: T }],
  ["ListTables", { Limit: 5 }],
  ["UpdateTimeToLive", { TableName: T, TimeToLiveSpecification: { Enabled: true, AttributeName: "exp" } }],
  [
    "PutItem",
    {
      TableName: T,
      Item: item("a", 1, { v: { N: "1" } }),
      ConditionExpression: "attribute_not_exists(pk)",
      ReturnValues: "ALL_OLD",
    },
  ],
  [
    "GetItem",
    { TableName: T, Key: key("a", 1), ProjectionExpression: "#v", ExpressionAttributeNames: { "#v": "v" } },
  ],
  [
    "UpdateItem",
    {
      TableName: T,
      Key: key("a", 1),
      UpdateExpression: "SET v = :v",
      ExpressionAttributeValues: { ":v": { N: "2" } },
      ReturnValues: "UPDATED_NEW",
    },
  ],
  [
    "DeleteItem",
    {
      TableName: T,
      Key: key("a", 1),
      ConditionExpression: "v = :v",
      ExpressionAttributeValues: { ":v": { N: "2" } },
    },
  ],
  [
    "Query",
    {
      TableName: T,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": { S: "a" } },
      Limit: 2,
      ExclusiveStartKey: key("a", 0),
    },
  ],
  [
    "Scan",
    {
      TableName: T,
      Segment: 0,
      TotalSegments: 2,
      FilterExpression: "v > :z",
      ExpressionAttributeValues: { ":z": { N: "0" } },
    },
  ],
  ["BatchGetItem", { RequestItems: { [T]: { Keys: [key("a", 1)] } } }],
  [
    "BatchWriteItem",
    {
      RequestItems: {
        [T]: [{ PutRequest: { Item: item("b", 1) } }, { DeleteRequest: { Key: key("a", 1) } }],
      },
    },
  ],
  [
    "TransactWriteItems",
    {
      TransactItems: [
        { Put: { TableName: T, Item: item("c", 1) } },
        { ConditionCheck: { TableName: T, Key: key("a", 1), ConditionExpression: "attribute_exists(pk)" } },
      ],
      ClientRequestToken: "t",
    },
  ],
  ["TransactGetItems", { TransactItems: [{ Get: { TableName: T, Key: key("a", 1) } }] }],
];

/** Replaces the value at one path of a JSON-like value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== "object" || value === null || value instanceof Uint8Array)
    return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const index = (head ?? 0) % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as object) };
  const [name, child] = entries[index]!;
  (copy as Record<string, unknown>)[name] = mutate(child, rest, replacement);
  return copy;
}

const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(
    "",
    "#",
    ":",
    "a = ",
    "SET",
    "pk = :p AND",
    { S: "" },
    { N: "1e999" },
    { SS: [] },
    [],
    {},
    null,
    -1,
    1e9,
  ),
  fc.uint8Array({ maxLength: 4 }),
);

function expectOnlyServiceErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
}

describe("bad input", () => {
  it("gets DynamoDB's errors, never a crash, when one member of a valid request is broken", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: VALID.length - 1 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        junk,
        (which, path, replacement) => {
          const { call, service } = testService();
          call("PutItem", { TableName: T, Item: item("a", 1, { v: { N: "2" } }) });
          const [operation, input] = VALID[which]!;
          expectOnlyServiceErrors(() =>
            service.handle(operation, mutate(input, path, replacement) as Record<string, unknown>),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("gets DynamoDB's errors for whole requests of random shape", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID.map(([op]) => op)),
        fc.anything({ maxDepth: 4 }),
        (operation, input) => {
          const { service } = testService();
          expectOnlyServiceErrors(() => service.handle(operation, input as Record<string, unknown>));
        },
      ),
      { numRuns: 500 },
    );
  });
});

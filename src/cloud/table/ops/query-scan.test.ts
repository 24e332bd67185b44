import { describe, expect, it } from "vitest";
import { item, key, testService } from "../testing/fixtures.ts";
import type { Item } from "../values.ts";

const T = "Tbl";

function seeded(count: number, partitions: string[] = ["a"]) {
  const service = testService();
  for (const pk of partitions) {
    for (let i = 1; i <= count; i++)
      service.call("PutItem", { TableName: T, Item: item(pk, i, { odd: { BOOL: i % 2 === 1 } }) });
  }
  return service;
}

const sks = (items: unknown) => (items as Item[]).map((i) => Number((i.sk as { N: string }).N));
const q = (extra: Record<string, unknown> = {}) => ({
  TableName: T,
  KeyConditionExpression: "pk = :p",
  ExpressionAttributeValues: { ":p": { S: "a" } },
  ...extra,
});

describe("Query", () => {
  it("returns a partition in sort key order, numerically, forwards and backwards", () => {
    const { call } = seeded(12);
    expect(sks(call("Query", q()).Items)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(sks(call("Query", q({ ScanIndexForward: false })).Items)).toEqual([
      12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });

  it("applies sort key conditions", () => {
    const { call } = seeded(12);
    const range = (expr: string, values: Record<string, unknown>) =>
      sks(
        call(
          "Query",
          q({
            KeyConditionExpression: `pk = :p AND ${expr}`,
            ExpressionAttributeValues: { ":p": { S: "a" }, ...values },
          }),
        ).Items,
      );
    expect(range("sk BETWEEN :a AND :b", { ":a": { N: "3" }, ":b": { N: "5" } })).toEqual([3, 4, 5]);
    expect(range("sk > :a", { ":a": { N: "10" } })).toEqual([11, 12]);
    expect(range("sk <= :a", { ":a": { N: "2" } })).toEqual([1, 2]);
    expect(range(":a < sk", { ":a": { N: "11" } })).toEqual([12]);
  });

  it("pages by Limit, applies the filter after the limit, and resumes from LastEvaluatedKey", () => {
    const { call } = seeded(5);
    const first = call(
      "Query",
      q({
        Limit: 2,
        FilterExpression: "odd = :t",
        ExpressionAttributeValues: { ":p": { S: "a" }, ":t": { BOOL: true } },
      }),
    );
    expect([first.Count, first.ScannedCount, sks(first.Items)]).toEqual([1, 2, [1]]);
    expect(first.LastEvaluatedKey).toEqual(key("a", 2));
    const pages: number[][] = [];
    let start: unknown;
    do {
      const page = call(
        "Query",
        q({ Limit: 2, ...(start === undefined ? {} : { ExclusiveStartKey: start }) }),
      );
      pages.push(sks(page.Items));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    // DynamoDB does not look ahead: a page that ends exactly at the last item still has a key.
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    const backwards = call("Query", q({ ScanIndexForward: false, ExclusiveStartKey: key("a", 3) }));
    expect(sks(backwards.Items)).toEqual([2, 1]);
  });

  it("omits LastEvaluatedKey when a page ends on the inclusive bound of the key range, as DynamoDB Local does", () => {
    const { call } = seeded(6);
    const between = (extra: Record<string, unknown>) =>
      call(
        "Query",
        q({
          KeyConditionExpression: "pk = :p AND sk BETWEEN :a AND :b",
          ExpressionAttributeValues: { ":p": { S: "a" }, ":a": { N: "2" }, ":b": { N: "4" } },
          ...extra,
        }),
      );
    expect(between({ Limit: 3 }).LastEvaluatedKey).toBeUndefined();
    expect(between({ Limit: 3, ScanIndexForward: false }).LastEvaluatedKey).toBeUndefined();
    expect(between({ Limit: 2 }).LastEvaluatedKey).toEqual(key("a", 3));
    const equal = call(
      "Query",
      q({
        KeyConditionExpression: "pk = :p AND sk = :a",
        ExpressionAttributeValues: { ":p": { S: "a" }, ":a": { N: "2" } },
        Limit: 1,
      }),
    );
    expect(equal.LastEvaluatedKey).toEqual(key("a", 2));
  });

  it("stops a page at 1 MB read", () => {
    const { call } = testService();
    const big = { b: { S: "x".repeat(300 * 1024) } };
    for (let i = 1; i <= 5; i++) call("PutItem", { TableName: T, Item: item("a", i, big) });
    const page = call("Query", q({ Select: "COUNT" }));
    expect([page.Count, page.LastEvaluatedKey]).toEqual([4, key("a", 4)]);
  });

  it("supports Select COUNT and projections, and checks Select combinations", () => {
    const { call, fail } = seeded(3);
    expect(call("Query", q({ Select: "COUNT" }))).toEqual({ Count: 3, ScannedCount: 3 });
    expect(call("Query", q({ ProjectionExpression: "sk", Limit: 1 })).Items).toEqual([{ sk: { N: "1" } }]);
    expect(fail("Query", q({ Select: "COUNT", ProjectionExpression: "sk" })).message).toBe(
      "Cannot specify the ProjectionExpression when choosing to get only the Count",
    );
    expect(fail("Query", q({ Select: "ALL_PROJECTED_ATTRIBUTES" })).message).toBe(
      "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
    );
  });

  it("answers DynamoDB's errors for bad key conditions and start keys", () => {
    const { fail } = seeded(3);
    expect(fail("Query", { TableName: T }).message).toBe(
      "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
    );
    expect(fail("Query", q({ ExpressionAttributeValues: { ":p": { N: "1" } } })).message).toBe(
      "One or more parameter values were invalid: Condition parameter type does not match schema type",
    );
    expect(fail("Query", q({ ExclusiveStartKey: { pk: { S: "a" } } })).message).toBe(
      "Exclusive Start Key must have same size as table's key schema",
    );
    expect(fail("Query", q({ ExclusiveStartKey: key("b", 1) })).message).toBe(
      "The provided starting key does not match the range key predicate",
    );
    expect(fail("Query", q({ Limit: 0 })).message).toBe("Limit must be greater than or equal to 1");
    expect(
      fail(
        "Query",
        q({
          KeyConditionExpression: "pk = :p AND sk BETWEEN :b AND :a",
          ExpressionAttributeValues: { ":p": { S: "a" }, ":a": { N: "1" }, ":b": { N: "3" } },
        }),
      ).message,
    ).toMatch(/^Invalid KeyConditionExpression: The BETWEEN operator requires upper bound/);
  });
});

describe("Scan", () => {
  it("visits every item once, in a deterministic order, across pages", () => {
    const { call } = seeded(3, ["a", "b", "c", "d", "e", "f"]);
    const all = call("Scan", { TableName: T }).Items as Item[];
    expect(all).toHaveLength(18);
    const paged: Item[] = [];
    let start: unknown;
    do {
      const page = call("Scan", {
        TableName: T,
        Limit: 4,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      });
      paged.push(...(page.Items as Item[]));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    expect(paged).toEqual(all);
    expect(seeded(3, ["f", "e", "d", "c", "b", "a"]).call("Scan", { TableName: T }).Items).toEqual(all);
  });

  it("splits the table into disjoint parallel segments that cover it", () => {
    const { call, fail } = seeded(2, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    const seen = [0, 1, 2].flatMap(
      (Segment) => call("Scan", { TableName: T, Segment, TotalSegments: 3 }).Items as Item[],
    );
    expect(seen).toHaveLength(20);
    expect(new Set(seen.map((i) => JSON.stringify(i))).size).toBe(20);
    expect(fail("Scan", { TableName: T, Segment: 3, TotalSegments: 3 }).message).toBe(
      "1 validation error detected: Value '3' at 'segment' failed to satisfy constraint: Member must have value less than or equal to 2",
    );
    expect(fail("Scan", { TableName: T, Segment: 0 }).message).toBe(
      "If segment is specified, total segment must also be specified",
    );
  });

  it("filters after reading", () => {
    const { call } = seeded(4, ["a"]);
    const out = call("Scan", {
      TableName: T,
      FilterExpression: "odd = :t",
      ExpressionAttributeValues: { ":t": { BOOL: true } },
    });
    expect([out.Count, out.ScannedCount, sks(out.Items)]).toEqual([2, 4, [1, 3]]);
  });
});

import { describe, expect, it } from "vitest";
import { item, key, testService } from "../testing/fixtures.ts";

const T = "Tbl";

describe("UpdateItem", () => {
  it("creates a missing item from its key and returns the values asked for", () => {
    const { call } = testService();
    expect(
      call("UpdateItem", {
        TableName: T,
        Key: key("a", 1),
        UpdateExpression: "SET n = :n",
        ExpressionAttributeValues: { ":n": { N: "010" } },
        ReturnValues: "ALL_NEW",
      }),
    ).toEqual({ Attributes: item("a", 1, { n: { N: "10" } }) });
    expect(call("UpdateItem", { TableName: T, Key: key("b", 1), ReturnValues: "ALL_NEW" })).toEqual({
      Attributes: key("b", 1),
    });
  });

  it("returns UPDATED_OLD and UPDATED_NEW as the updated paths only", () => {
    const { call } = testService();
    call("PutItem", {
      TableName: T,
      Item: item("a", 1, { m: { M: { x: { N: "1" }, y: { N: "2" } } }, z: { S: "z" } }),
    });
    const update = {
      TableName: T,
      Key: key("a", 1),
      UpdateExpression: "SET m.x = :v",
      ExpressionAttributeValues: { ":v": { N: "5" } },
    };
    expect(call("UpdateItem", { ...update, ReturnValues: "UPDATED_OLD" })).toEqual({
      Attributes: { m: { M: { x: { N: "1" } } } },
    });
    expect(
      call("UpdateItem", {
        ...update,
        ExpressionAttributeValues: { ":v": { N: "6" } },
        ReturnValues: "UPDATED_NEW",
      }),
    ).toEqual({
      Attributes: { m: { M: { x: { N: "6" } } } },
    });
    expect(
      call("UpdateItem", {
        TableName: T,
        Key: key("a", 1),
        UpdateExpression: "REMOVE q",
        ReturnValues: "UPDATED_OLD",
      }),
    ).toEqual({});
  });

  it("refuses updates of key attributes", () => {
    const { fail } = testService();
    const error = fail("UpdateItem", {
      TableName: T,
      Key: key("a", 1),
      UpdateExpression: "SET sk = :v",
      ExpressionAttributeValues: { ":v": { N: "2" } },
    });
    expect(error.message).toBe(
      "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key",
    );
  });

  it("evaluates the condition against the item before the update", () => {
    const { call, fail, changes } = testService();
    call("PutItem", { TableName: T, Item: item("a", 1, { v: { N: "1" } }) });
    const bump = {
      TableName: T,
      Key: key("a", 1),
      UpdateExpression: "SET v = v + :one",
      ConditionExpression: "v = :expected",
      ExpressionAttributeValues: { ":one": { N: "1" }, ":expected": { N: "1" } },
    };
    call("UpdateItem", bump);
    const error = fail("UpdateItem", { ...bump, ReturnValuesOnConditionCheckFailure: "ALL_OLD" });
    expect(error.code).toBe("ConditionalCheckFailedException");
    expect(error.fields.Item).toEqual(item("a", 1, { v: { N: "2" } }));
    expect(changes).toHaveLength(2);
  });

  it("checks placeholder use across all of a request's expressions", () => {
    const { fail } = testService();
    expect(
      fail("UpdateItem", {
        TableName: T,
        Key: key("a", 1),
        UpdateExpression: "SET v = :v",
        ExpressionAttributeValues: { ":v": { N: "1" }, ":unused": { N: "2" } },
      }).message,
    ).toBe("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    expect(
      fail("UpdateItem", { TableName: T, Key: key("a", 1), ExpressionAttributeValues: { ":v": { N: "1" } } })
        .message,
    ).toBe(
      "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null",
    );
  });

  it("enforces the size limit on the updated item", () => {
    const { call, fail } = testService();
    call("PutItem", { TableName: T, Item: item("a", 1, { b: { S: "x".repeat(300 * 1024) } }) });
    const error = fail("UpdateItem", {
      TableName: T,
      Key: key("a", 1),
      UpdateExpression: "SET c = :c",
      ExpressionAttributeValues: { ":c": { S: "y".repeat(150 * 1024) } },
    });
    expect(error.message).toBe("Item size to update has exceeded the maximum allowed size");
  });

  it("shares the attributes an update leaves alone with the version before, which stays as it was", () => {
    const { call, changes } = testService();
    const keep = { M: { x: { N: "1" } } };
    call("PutItem", { TableName: T, Item: item("a", 1, { keep, n: { N: "1" } }) });
    call("UpdateItem", {
      TableName: T,
      Key: key("a", 1),
      UpdateExpression: "SET n = :n, added = :s",
      ExpressionAttributeValues: { ":n": { N: "02.50" }, ":s": { SS: ["b", "a"] } },
    });
    const [first, second] = changes.map((c) => c.newImage!);
    expect(second).toEqual(item("a", 1, { keep, n: { N: "2.5" }, added: { SS: ["a", "b"] } }));
    expect(Object.keys(second!)).toEqual(["pk", "sk", "keep", "n", "added"]);
    expect([second!.pk, second!.sk, second!.keep]).toEqual([first!.pk, first!.sk, first!.keep]);
    for (const name of ["pk", "sk", "keep"]) expect(second![name]).toBe(first![name]);
    expect(second!.n).not.toBe(first!.n);
    call("UpdateItem", {
      TableName: T,
      Key: key("a", 1),
      UpdateExpression: "SET keep.x = :v",
      ExpressionAttributeValues: { ":v": { N: "7" } },
    });
    const third = changes[2]!.newImage!;
    expect(third.keep).toEqual({ M: { x: { N: "7" } } });
    expect(first).toEqual(item("a", 1, { keep: { M: { x: { N: "1" } } }, n: { N: "1" } }));
    expect(second!.keep).toEqual({ M: { x: { N: "1" } } });
    const read = call("GetItem", { TableName: T, Key: key("a", 1), ConsistentRead: true }).Item as Record<
      string,
      unknown
    >;
    expect(read).toEqual(third);
    expect(read.added).not.toBe(third.added);
  });
});

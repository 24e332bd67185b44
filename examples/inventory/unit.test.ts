// The pyramid's first layer: the handlers' pure logic, fed with events shaped exactly as Lambda
// delivers them (Squall's event factories), with no cloud and no simulation.
import { describe, expect, it } from "vitest";
import { dynamodbStreamEvent, snsEvent, sqsEvent } from "../../src/public/index.ts";
import { correlationIdOf, parseOrder } from "./src/order.ts";
import { stockChangeOf } from "./src/reorder.ts";
import { stockDecreases } from "./src/stock-change.ts";
import { stockUpdate } from "./src/stock-update.ts";

describe("orders", () => {
  it("reads an order and its correlation id from an SQS record", () => {
    const [record] = sqsEvent([
      { body: { orderId: "o-1", sku: "SKU-RED", qty: 2 }, messageAttributes: { correlationId: "c-1" } },
    ]).Records;
    expect(parseOrder(record?.body ?? "")).toEqual({ orderId: "o-1", sku: "SKU-RED", qty: 2 });
    expect(correlationIdOf(record as never)).toBe("c-1");
  });

  it("refuses a malformed order and finds no correlation id where none was sent", () => {
    const [record] = sqsEvent([{ body: { orderId: "o-1", sku: "SKU-RED", qty: "two" } }]).Records;
    expect(() => parseOrder(record?.body ?? "")).toThrow(/malformed order/);
    expect(correlationIdOf(record as never)).toBeUndefined();
  });

  it("bumps the item's version and carries the correlation id, or removes a stale one", () => {
    const order = { orderId: "o-1", sku: "SKU-RED", qty: 2 };
    expect(stockUpdate("stock = stock - :qty", { ":qty": 2 }, order, "c-1")).toEqual({
      UpdateExpression:
        "SET stock = stock - :qty, lastOrderId = :order, version = if_not_exists(version, :zero) + :one, correlationId = :correlationId",
      ExpressionAttributeValues: {
        ":qty": 2,
        ":order": "o-1",
        ":zero": 0,
        ":one": 1,
        ":correlationId": "c-1",
      },
    });
    expect(stockUpdate("stock = :stock", { ":stock": 3 }, order, undefined).UpdateExpression).toMatch(
      / REMOVE correlationId$/,
    );
  });
});

describe("stock changes", () => {
  const item = (stock: number, version: number) => ({
    sku: "SKU-RED",
    stock,
    version,
    lastOrderId: "o-1",
    correlationId: "c-1",
  });

  it("publishes decreases only, flags low stock and passes the correlation id on", () => {
    const event = dynamodbStreamEvent(
      [
        { keys: { sku: "SKU-RED" }, newImage: item(12, 0) },
        { keys: { sku: "SKU-RED" }, oldImage: item(12, 0), newImage: item(10, 1) },
        { keys: { sku: "SKU-RED" }, oldImage: item(10, 1), newImage: item(4, 2) },
        { keys: { sku: "SKU-RED" }, oldImage: item(4, 2), newImage: item(20, 3) },
      ],
      { tableName: "Inventory" },
    );
    expect(stockDecreases(event.Records, 5)).toEqual([
      {
        change: { sku: "SKU-RED", stock: 10, orderId: "o-1", version: 1 },
        lowStock: false,
        correlationId: "c-1",
      },
      {
        change: { sku: "SKU-RED", stock: 4, orderId: "o-1", version: 2 },
        lowStock: true,
        correlationId: "c-1",
      },
    ]);
  });

  it("reads a stock change out of the SNS envelope a Replenishment message carries", () => {
    const change = { sku: "SKU-RED", stock: 4, orderId: "o-1", version: 2 };
    const [notification] = snsEvent([JSON.stringify(change)]).Records;
    const [record] = sqsEvent([{ body: JSON.stringify(notification?.Sns) }]).Records;
    expect(stockChangeOf(record as never)).toEqual(change);
  });
});

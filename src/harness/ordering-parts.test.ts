import { describe, expect, it } from "vitest";
import { eventBridgeEvent } from "./events/eventbridge.ts";
import { sequentialIds } from "./events/options.ts";
import { snsEvent } from "./events/sns.ts";
import { sqsEvent } from "./events/sqs.ts";
import { md5OfMessageAttributes } from "./events/sqs-attributes.ts";
import { describeOrder, policyProblem } from "./ordering-check.ts";
import { deliveryOrders } from "./ordering-orders.ts";
import { stampSequence } from "./ordering-stamp.ts";

const fixed = { ids: sequentialIds(), nowMs: () => 1_700_000_000_000 };

describe("stampSequence", () => {
  it("adds a Number message attribute to every SQS record and recomputes its MD5", () => {
    const event = sqsEvent([{ body: "a", messageAttributes: { tenant: "acme" } }, "b"], fixed);
    const stamped = stampSequence(event, 3);
    const [first, second] = stamped.Records;
    expect(first?.messageAttributes.sequence).toEqual({
      stringValue: "3",
      stringListValues: [],
      binaryListValues: [],
      dataType: "Number",
    });
    expect(first?.messageAttributes.tenant?.stringValue).toBe("acme");
    expect(first?.md5OfMessageAttributes).toBe(md5OfMessageAttributes(first?.messageAttributes ?? {}));
    expect(first?.md5OfMessageAttributes).not.toBe(event.Records[0]?.md5OfMessageAttributes);
    expect(second?.messageAttributes.sequence?.stringValue).toBe("3");
    expect(event.Records[0]?.messageAttributes.sequence).toBeUndefined();
  });

  it("stamps SNS attributes, EventBridge detail and plain payloads, and refuses what it cannot stamp", () => {
    expect(stampSequence(snsEvent(["m"], fixed), 2).Records[0]?.Sns.MessageAttributes.sequence).toEqual({
      Type: "Number",
      Value: "2",
    });
    expect(stampSequence(eventBridgeEvent("Changed", { sku: "A" }, fixed), 2).detail).toEqual({
      sku: "A",
      sequence: 2,
    });
    expect(stampSequence({ sku: "A" }, 4)).toEqual({ sku: "A", sequence: 4 });
    expect(() => stampSequence("text", 1)).toThrow(/cannot stamp a sequence number into "text".*Pass stamp:/);
  });
});

describe("deliveryOrders", () => {
  it("lists every permutation, the sent order first, when there are few", () => {
    expect(deliveryOrders(3, undefined, 1)).toEqual({
      orders: [
        [1, 2, 3],
        [1, 3, 2],
        [2, 1, 3],
        [2, 3, 1],
        [3, 1, 2],
        [3, 2, 1],
      ],
      sampled: false,
    });
  });

  it("samples distinct orders from the seed, the reversed order first", () => {
    const { orders, sampled } = deliveryOrders(6, 10, 42);
    expect(sampled).toBe(true);
    expect(orders[0]).toEqual([6, 5, 4, 3, 2, 1]);
    expect(new Set(orders.map((o) => o.join())).size).toBe(10);
    expect(deliveryOrders(6, 10, 42).orders).toEqual(orders);
    expect(deliveryOrders(6, 10, 43).orders).not.toEqual(orders);
    expect(deliveryOrders(5, undefined, 1).orders).toHaveLength(24);
  });

  it("refuses too many orders to try them all, and a bad count", () => {
    expect(() => deliveryOrders(7, "all", 1)).toThrow(/7 events have 5040 delivery orders, more than 720/);
    expect(() => deliveryOrders(3, 0, 1)).toThrow(/orders must be "all" or a whole number of at least 1/);
  });
});

describe("policy checks", () => {
  const delivered = (order: number[], rejected: number[] = []) =>
    order.map((sequence) => ({
      sequence,
      result: { requestId: "r", payload: null },
      rejected: rejected.includes(sequence),
    }));

  it("describes orders of two and of more events", () => {
    expect(describeOrder([2, 1])).toBe("delivered #2 before #1 (sent order #1, #2)");
    expect(describeOrder([3, 1, 2])).toBe("delivered #3, #1, #2 (sent order #1, #2, #3)");
  });

  it("judges each policy", () => {
    expect(policyProblem("latest-wins", 3, delivered([3, 1, 2]))).toBeUndefined();
    expect(policyProblem("latest-wins", undefined, delivered([2, 1]))).toBe(
      "final state has sequence none, expected 2",
    );
    expect(policyProblem("reject-out-of-order", 3, delivered([3, 1, 2], [1, 2]))).toBeUndefined();
    expect(policyProblem("reject-out-of-order", 3, delivered([3, 1, 2], [1]))).toMatch(
      /^#2 arrived after #3 and was accepted/,
    );
    expect(policyProblem("park", [1, 2, 3], delivered([3, 1, 2]))).toBeUndefined();
    expect(policyProblem("park", [1, 3], delivered([3, 1, 2]))).toMatch(
      /^sequences applied 1, 3, expected 1, 2, 3/,
    );
    expect(() => policyProblem("latest-wins", "3" as never, delivered([1, 2]))).toThrow(
      /the state probe returned "3"; it must return the sequence number/,
    );
  });
});

import { describe, expect, it } from "vitest";
import type { Span, SpanKind } from "../core/trace.ts";
import { formatTimeline } from "./timeline.ts";

let ids = 0;
function span(
  kind: SpanKind,
  name: string,
  startMs: number,
  attributes: Span["attributes"] = {},
  parentId?: string,
): Span {
  return {
    id: `s${++ids}`,
    parentId,
    kind,
    name,
    startMs,
    endMs: startMs,
    status: "ok",
    error: undefined,
    attributes,
    links: [],
  };
}

describe("formatTimeline", () => {
  it("tells what the test sent, what ran and wrote, which faults fired, and what broke", () => {
    const sends = Array.from({ length: 40 }, () =>
      span("sdk-call", "SQS.SendMessage", 1000, { queue: "Orders" }),
    );
    const spans = [
      ...sends,
      span("internal", "fault.sqs.duplicateDelivery", 1002, { where: "Orders" }),
      span("invocation", "reserveStock", 1010, { trigger: "sqs", attempt: 1, coldStart: true }),
      span("internal", "fault.lambda.coldStart", 1010, { where: "reserveStock" }),
      span("sdk-call", "DynamoDB.GetItem", 1011, { table: "Inventory" }, "s1"),
      span("sdk-call", "DynamoDB.PutItem", 1012, { table: "Reservations" }, "s1"),
    ];
    const violations = Array.from({ length: 5 }, (_, i) => ({
      invariant: "exactly one reservation per order id",
      message: `order order-${i + 1} has 2 reservations`,
    }));
    expect(formatTimeline(spans, violations).split("\n")).toEqual([
      "     +0 ms  test SQS.SendMessage Orders  ×40",
      "     +2 ms  ⚡ sqs.duplicateDelivery Orders",
      "    +10 ms  ▶ reserveStock (via sqs, attempt 1, cold)",
      "    +12 ms      DynamoDB.PutItem Reservations",
      "  ✗ exactly one reservation per order id: order order-1 has 2 reservations",
      "  ✗ exactly one reservation per order id: order order-2 has 2 reservations",
      "  ✗ exactly one reservation per order id: order order-3 has 2 reservations",
      "  ✗ exactly one reservation per order id: … and 2 more",
    ]);
  });

  it("ends where a step check stopped the run", () => {
    const spans = [span("sdk-call", "DynamoDB.PutItem", 5, { table: "Inventory" })];
    const brokeAt = { step: 7, virtualMs: 5, action: "DynamoDB.PutItem", phase: "faults" } as const;
    expect(formatTimeline(spans, [], { brokeAt }).split("\n")).toEqual([
      "     +0 ms  test DynamoDB.PutItem Inventory",
      "  ■ stopped after step 7 (DynamoDB.PutItem) at +5 ms, in the faults phase",
    ]);
  });

  it("summarises what is past its line budget", () => {
    const spans = [1, 2, 3, 4].map((ms) => span("sdk-call", "SNS.Publish", ms, { topic: "Stock" }));
    expect(formatTimeline(spans, [], { maxLines: 2 }).split("\n")).toEqual([
      "     +0 ms  test SNS.Publish Stock",
      "     +1 ms  test SNS.Publish Stock",
      "           … 2 more steps",
    ]);
  });
});

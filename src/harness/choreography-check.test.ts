import { describe, expect, it } from "vitest";
import type { Hop } from "../targets/target.ts";
import { checkPath } from "./choreography-check.ts";
import { parseFlow } from "./choreography-flow.ts";
import { correlationPath } from "./correlation-path.ts";
import { edit, hop, INVENTORY_FLOW, orderPath } from "./testing/correlation/hops.ts";

function check(hops: readonly Hop[], flow = INVENTORY_FLOW, strict = false) {
  const result = checkPath(correlationPath(hops, "c-1"), parseFlow(flow), "c-1", strict);
  return {
    findings: result.findings.map((f) => [f.kind, f.edge ?? null, f.message]),
    flowHops: result.flowHops.map((h) => h.id),
  };
}

const notifiedTwice = [
  ...orderPath("c-1"),
  hop("h7b", "invocation", "StockEvents", "notifyShipping", {
    via: "sns",
    causes: ["h6"],
    correlationIds: ["c-1"],
    startMs: 1_150,
  }),
];

describe("checkPath: declared hops", () => {
  it("accepts the happy path and spans the declared hops only", () => {
    expect(check(orderPath("c-1"))).toEqual({ findings: [], flowHops: ["h1", "h2", "h3", "h5", "h6", "h7"] });
  });

  it("reports a hop that happened twice where the flow says once", () => {
    expect(check(notifiedTwice).findings).toEqual([
      [
        "duplicated",
        "StockEvents → notifyShipping",
        "c-1: duplicated hop StockEvents → notifyShipping (expected exactly once, saw 2: +100 ms, +150 ms)",
      ],
    ]);
    expect(check(notifiedTwice, `${INVENTORY_FLOW} (at least once)`).findings).toEqual([]);
    expect(check(notifiedTwice, `${INVENTORY_FLOW} (2)`).findings).toEqual([]);
  });

  it("counts a failed attempt followed by a successful retry as one hop", () => {
    const retried = [
      ...edit(orderPath("c-1"), "h2", { status: "error", error: "Boom" }),
      hop("h2b", "invocation", "Orders", "reserveStock", {
        via: "sqs",
        causes: ["h1"],
        correlationIds: ["c-1"],
        startMs: 1_040,
      }),
    ];
    expect(check(retried).findings).toEqual([]);
  });

  it("reports every missing hop, with the attempts that failed", () => {
    const failed = edit(orderPath("c-1"), "h7", { status: "error", error: "Boom" });
    expect(check(failed).findings).toEqual([
      [
        "missing",
        "StockEvents → notifyShipping",
        "c-1: missing hop StockEvents → notifyShipping (expected exactly once, saw none, and 1 that did not succeed: +100 ms (error: Boom))",
      ],
    ]);
    const neverPublished = orderPath("c-1").slice(0, 5);
    expect(check(neverPublished).findings.map((f) => f[2])).toEqual([
      "c-1: missing hop publishStockChange → StockEvents (expected exactly once, saw none)",
      "c-1: missing hop StockEvents → notifyShipping (expected exactly once, saw none)",
    ]);
    expect(check(neverPublished.slice(0, 2), "Orders → reserveStock → Reservations (3)").findings).toEqual([
      [
        "missing",
        "reserveStock → Reservations",
        "c-1: missing hop reserveStock → Reservations (expected exactly 3 times, saw none)",
      ],
    ]);
  });

  it("reports a hop the flow says never happens, failed attempts included", () => {
    const delivered = [
      ...orderPath("c-1"),
      hop("d1", "deliver", "StockEvents", "Replenishment", {
        causes: ["h6"],
        correlationIds: ["c-1"],
        startMs: 1_085,
        status: "error",
      }),
    ];
    expect(check(delivered, `${INVENTORY_FLOW}; StockEvents → Replenishment (never)`).findings).toEqual([
      [
        "never",
        "StockEvents → Replenishment",
        "c-1: StockEvents → Replenishment happened but the flow says never (saw 1: +85 ms)",
      ],
    ]);
  });
});

describe("checkPath: hops outside the flow", () => {
  it("allows undeclared branches, but not in strict mode", () => {
    expect(check(orderPath("c-1"), INVENTORY_FLOW, true).findings).toEqual([
      [
        "unexpected",
        null,
        "c-1: unexpected hop reserveStock → Reservations (write), not in the flow (saw 1: +30 ms)",
      ],
    ]);
  });

  it("reports an undeclared hop into a declared node even outside strict mode", () => {
    const sneaky = [
      ...orderPath("c-1"),
      hop("x1", "write", "notifyShipping", "Inventory", { causes: ["h7"], startMs: 1_110 }),
      hop("x2", "write", "notifyShipping", "Inventory", { causes: ["h7"], startMs: 1_112 }),
    ];
    expect(check(sneaky).findings).toEqual([
      [
        "unexpected",
        null,
        "c-1: unexpected hop notifyShipping → Inventory (write), not in the flow (saw 2: +110 ms, +112 ms)",
      ],
    ]);
  });

  it("requires a stream node's next hop to be a stream invocation", () => {
    const direct = edit(orderPath("c-1"), "h5", { via: "invoke" });
    expect(check(direct).findings.map((f) => f[2])).toEqual([
      "c-1: missing hop Inventory stream → publishStockChange (expected exactly once, saw none)",
      "c-1: unexpected hop Inventory → publishStockChange (invocation), not in the flow (saw 1: +70 ms)",
    ]);
    expect(check(direct, INVENTORY_FLOW.replace("Inventory stream", "Inventory")).findings).toEqual([]);
  });

  it("counts an Invoke call and the invocation it caused as one hop", () => {
    const invoked = [
      hop("i1", "invoke", "test", "checkout", { correlationIds: ["c-1"], startMs: 0, endMs: 30 }),
      hop("i2", "invocation", "test", "checkout", { via: "invoke", causes: ["i1"], correlationIds: ["c-1"] }),
      hop("i3", "send", "checkout", "Orders", {
        causes: ["i2"],
        correlationIds: ["c-1"],
        startMs: 5,
        endMs: 40,
      }),
    ];
    expect(check(invoked, "checkout → Orders", true)).toEqual({ findings: [], flowHops: ["i1", "i2", "i3"] });
    expect(check(invoked, "test → checkout → Orders", true).findings).toEqual([]);
  });
});

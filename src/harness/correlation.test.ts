import { describe, expect, it } from "vitest";
import type { Hop, Target } from "../targets/target.ts";
import { type CorrelationFinding, checkCorrelation, expectCorrelation } from "./correlation.ts";
import { CorrelationError } from "./correlation-error.ts";
import { edit, hop, orderPath } from "./testing/correlation/hops.ts";

const brief = (findings: readonly CorrelationFinding[]) =>
  findings.map((f) => ({ kind: f.kind, hop: f.hop.id, ids: f.correlationIds, message: f.message }));

describe("checkCorrelation: ids lost or changed by an action", () => {
  it("finds nothing when every hop carries the id", () => {
    expect(checkCorrelation(orderPath("c-1"))).toEqual([]);
  });

  it("names the function that published without the id it received, and only that hop", () => {
    const hops = edit(edit(orderPath("c-1"), "h6", { correlationIds: [] }), "h7", { correlationIds: [] });
    expect(brief(checkCorrelation(hops))).toEqual([
      {
        kind: "lost",
        hop: "h6",
        ids: ["c-1"],
        message: "publishStockChange published to StockEvents without the correlation id it received (c-1)",
      },
    ]);
  });

  it("reports an action that carried another id than it received as changed", () => {
    const hops = edit(edit(orderPath("c-1"), "h6", { correlationIds: ["c-9"] }), "h7", {
      correlationIds: ["c-9"],
    });
    expect(brief(checkCorrelation(hops))).toEqual([
      {
        kind: "changed",
        hop: "h6",
        ids: ["c-1"],
        message:
          "publishStockChange published to StockEvents with correlation id c-9 instead of the one it received (c-1)",
      },
    ]);
  });

  it("names sends and invokes made by a function with their own verbs", () => {
    const hops = [
      ...orderPath("c-1"),
      hop("x1", "send", "reserveStock", "Audit", { causes: ["h2"], startMs: 1_040 }),
      hop("x2", "invoke", "reserveStock", "audit", { causes: ["h2"], startMs: 1_041 }),
    ];
    expect(brief(checkCorrelation(hops)).map((f) => f.message)).toEqual([
      "reserveStock sent to Audit without the correlation id it received (c-1)",
      "reserveStock invoked audit without the correlation id it received (c-1)",
    ]);
  });

  it("accepts any one of the ids a batch invocation received, and lists them all when none is kept", () => {
    const batch = hop("b1", "invocation", "Orders", "reserveStock", { correlationIds: ["c-1", "c-2"] });
    const keeps = hop("b2", "send", "reserveStock", "Audit", { causes: ["b1"], correlationIds: ["c-2"] });
    const loses = hop("b3", "send", "reserveStock", "Audit", { causes: ["b1"] });
    const changes = hop("b4", "send", "reserveStock", "Audit", {
      causes: ["b1"],
      correlationIds: ["c-7", "c-8"],
    });
    expect(brief(checkCorrelation([batch, keeps, loses, changes])).map((f) => f.message)).toEqual([
      "reserveStock sent to Audit without any of the correlation ids it received (c-1, c-2)",
      "reserveStock sent to Audit with correlation ids c-7, c-8 instead of those it received (c-1, c-2)",
    ]);
  });

  it("does not judge the test's own sends, nor actions of invocations that received no id", () => {
    const hops = [
      hop("a1", "send", "test", "Orders"),
      hop("a2", "invocation", "Orders", "reserveStock", { causes: ["a1"] }),
      hop("a3", "publish", "reserveStock", "StockEvents", { causes: ["a2"] }),
    ];
    expect(checkCorrelation(hops)).toEqual([]);
  });
});

describe("checkCorrelation: table writes", () => {
  const lostReservation = edit(orderPath("c-1"), "h4", { correlationIds: [] });

  it("ignores a write nobody reads unless asked", () => {
    expect(checkCorrelation(lostReservation)).toEqual([]);
  });

  it.each([
    ["checkWrites", { checkWrites: true }],
    ["streamTables", { streamTables: ["Reservations"] }],
  ])("judges every write with %s", (_name, options) => {
    expect(brief(checkCorrelation(lostReservation, options)).map((f) => f.message)).toEqual([
      "reserveStock wrote to Reservations without the correlation id it received (c-1)",
    ]);
  });

  it("judges a write a stream consumer received, and reports the loss there rather than downstream", () => {
    let hops = edit(orderPath("c-1"), "h3", { correlationIds: [] });
    for (const id of ["h5", "h6", "h7"]) hops = edit(hops, id, { correlationIds: [] });
    expect(brief(checkCorrelation(hops))).toEqual([
      {
        kind: "lost",
        hop: "h3",
        ids: ["c-1"],
        message: "reserveStock wrote to Inventory without the correlation id it received (c-1)",
      },
    ]);
  });
});

describe("checkCorrelation: deliveries and invocations that drop what their trigger carried", () => {
  it("names a stream invocation that did not receive the id the write carried", () => {
    const hops = edit(orderPath("c-1"), "h5", { correlationIds: [] });
    expect(brief(checkCorrelation(hops)).map((f) => [f.kind, f.hop, f.message])).toEqual([
      [
        "lost",
        "h5",
        "publishStockChange was invoked from Inventory (dynamodb-stream) without the correlation id its trigger carried (c-1)",
      ],
    ]);
  });

  it("names an SNS delivery to a queue that dropped the publish's id", () => {
    const hops = [
      ...orderPath("c-1"),
      hop("d1", "deliver", "StockEvents", "Replenishment", { causes: ["h6"], startMs: 1_090 }),
    ];
    expect(brief(checkCorrelation(hops)).map((f) => f.message)).toEqual([
      "StockEvents delivered to Replenishment without the correlation id its publish carried (c-1)",
    ]);
  });
});

describe("checkCorrelation: retries of one delivery", () => {
  const retry = (fields: Partial<Hop>) =>
    hop("h2b", "invocation", "Orders", "reserveStock", {
      via: "sqs",
      causes: ["h1"],
      correlationIds: ["c-1"],
      traceId: "h1",
      attempt: 2,
      requestId: "r-2",
      startMs: 1_200,
      ...fields,
    });

  it("accepts a retry with the same ids and trace", () => {
    expect(checkCorrelation([...orderPath("c-1"), retry({})])).toEqual([]);
  });

  it("reports a retry that received other ids, and one in another trace", () => {
    const findings = checkCorrelation([
      ...orderPath("c-1"),
      retry({ correlationIds: ["c-2"], traceId: "t-9" }),
    ]);
    expect(brief(findings)).toEqual([
      {
        kind: "lost",
        hop: "h2b",
        ids: ["c-1"],
        message:
          "reserveStock was invoked from Orders (sqs) without the correlation id its trigger carried (c-1)",
      },
      {
        kind: "retry-ids",
        hop: "h2b",
        ids: ["c-1", "c-2"],
        message:
          "reserveStock received correlation id c-2 in attempt 2 (request r-2), but correlation id c-1 in attempt 1 (request h-req-1) of the same delivery from Orders",
      },
      {
        kind: "retry-trace",
        hop: "h2b",
        ids: ["c-1", "c-2"],
        message:
          "reserveStock ran in trace t-9 in attempt 2 (request r-2), but in trace h1 in attempt 1 (request h-req-1) of the same delivery from Orders",
      },
    ]);
    expect(findings[1]?.against.map((h) => h.id)).toEqual(["h2"]);
  });

  it("compares duplicates without attempt numbers by request, and leaves other cause sets alone", () => {
    const duplicate = hop("h2c", "invocation", "Orders", "reserveStock", {
      causes: ["h1"],
      requestId: "r-3",
      traceId: "h1",
      startMs: 1_300,
    });
    const otherBatch = retry({ causes: ["h1", "zz"], correlationIds: ["c-1", "c-5"] });
    const findings = checkCorrelation([...orderPath("c-1"), duplicate, otherBatch]);
    expect(brief(findings).map((f) => f.message)).toEqual([
      "reserveStock was invoked from Orders without the correlation id its trigger carried (c-1)",
      "reserveStock received no correlation id in request r-3, but correlation id c-1 in attempt 1 (request h-req-1) of the same delivery from Orders",
    ]);
  });
});

describe("filtering by correlation id, and expectCorrelation", () => {
  const twoOrders = [
    ...edit(edit(orderPath("c-1"), "h6", { correlationIds: [] }), "h7", { correlationIds: [] }),
    ...edit(orderPath("c-2", "k", 2_000), "k4", { correlationIds: [] }),
  ];

  it("keeps only findings about the ids asked for", () => {
    const options = { checkWrites: true };
    expect(brief(checkCorrelation(twoOrders, options)).map((f) => f.hop)).toEqual(["h6", "k4"]);
    expect(
      brief(checkCorrelation(twoOrders, { ...options, correlationId: "c-2" })).map((f) => f.hop),
    ).toEqual(["k4"]);
    expect(checkCorrelation(twoOrders, { ...options, correlationId: ["c-3"] })).toEqual([]);
  });

  it("throws a CorrelationError listing every finding, reading the target's hops", async () => {
    const target = { hops: async () => twoOrders } as unknown as Target;
    const error = await expectCorrelation(target, { checkWrites: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorrelationError);
    expect((error as CorrelationError).findings).toHaveLength(2);
    expect((error as Error).message).toBe(
      "expectCorrelation: correlation ids did not survive every hop (2 findings):\n" +
        "  - publishStockChange published to StockEvents without the correlation id it received (c-1)\n" +
        "  - reserveStock wrote to Reservations without the correlation id it received (c-2)",
    );
    await expect(expectCorrelation(orderPath("c-1"))).resolves.toBeUndefined();
  });
});

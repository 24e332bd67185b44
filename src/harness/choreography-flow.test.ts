import { describe, expect, it } from "vitest";
import { cardinalityText, type Flow, parseFlow } from "./choreography-flow.ts";
import { ChoreographyFlowError } from "./choreography-flow-error.ts";
import { INVENTORY_FLOW } from "./testing/correlation/hops.ts";

const edges = (flow: Flow) =>
  flow.edges.map((e) => [
    e.label,
    e.from?.name ?? null,
    e.from?.stream ?? null,
    e.to.name,
    e.to.stream,
    e.times,
  ]);

describe("parseFlow", () => {
  it("reads a chain with an entry and a stream node", () => {
    const flow = parseFlow(INVENTORY_FLOW);
    expect(edges(flow)).toEqual([
      ["… → Orders", null, null, "Orders", false, "once"],
      ["Orders → reserveStock", "Orders", false, "reserveStock", false, "once"],
      ["reserveStock → Inventory stream", "reserveStock", false, "Inventory", true, "once"],
      ["Inventory stream → publishStockChange", "Inventory", true, "publishStockChange", false, "once"],
      ["publishStockChange → StockEvents", "publishStockChange", false, "StockEvents", false, "once"],
      ["StockEvents → notifyShipping", "StockEvents", false, "notifyShipping", false, "once"],
    ]);
    expect(flow.text).toBe(INVENTORY_FLOW);
    expect([...flow.nodes]).toEqual([
      "Orders",
      "reserveStock",
      "Inventory",
      "publishStockChange",
      "StockEvents",
      "notifyShipping",
    ]);
  });

  it("reads ->, cardinalities in words, and branches after ; or a new line", () => {
    const flow = parseFlow(
      "test -> Orders -> reserveStock (at least once) -> Reservations (2 times)\nreserveStock → Audit (never); Orders → x (twice)",
    );
    expect(edges(flow)).toEqual([
      ["test → Orders", "test", false, "Orders", false, "once"],
      ["Orders → reserveStock", "Orders", false, "reserveStock", false, "at-least-once"],
      ["reserveStock → Reservations", "reserveStock", false, "Reservations", false, 2],
      ["reserveStock → Audit", "reserveStock", false, "Audit", false, "never"],
      ["Orders → x", "Orders", false, "x", false, 2],
    ]);
    expect(flow.text).toBe(
      "test → Orders → reserveStock (at least once) → Reservations (exactly 2 times); reserveStock → Audit (never); Orders → x (exactly 2 times)",
    );
  });

  it("reads steps given as objects and as strings, and several chains", () => {
    const flow = parseFlow(
      [{ node: "Orders" }, { node: "reserveStock", times: "at-least-once" }, "Inventory stream (0)"],
      ["reserveStock", { node: "Audit", times: 0 }],
    );
    expect(edges(flow)).toEqual([
      ["… → Orders", null, null, "Orders", false, "once"],
      ["Orders → reserveStock", "Orders", false, "reserveStock", false, "at-least-once"],
      ["reserveStock → Inventory stream", "reserveStock", false, "Inventory", true, "never"],
      ["reserveStock → Audit", "reserveStock", false, "Audit", false, "never"],
    ]);
  });

  it("merges a hop declared twice with the same cardinality", () => {
    expect(parseFlow("A → B → C; A → B").edges).toHaveLength(3);
  });

  it.each([
    ["", /the flow is empty/],
    ["Orders → → reserveStock", /parseFlow\("Orders → → reserveStock"\): step 2 is empty/],
    ["Orders → reserve stock", /cannot read step "reserve stock"/],
    ["Orders → fn (sometimes)", /"\(sometimes\)" after fn is not a cardinality; write \(once\)/],
    ["A → B (once); A → B (never)", /the hop A → B is declared exactly once and never; declare it once/],
    ["A → B; B (never) → C", /"B" starts a chain but has a cardinality/],
  ])("rejects %j with a message naming the fix", (text, message) => {
    const error = (() => {
      try {
        parseFlow(text);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ChoreographyFlowError);
    expect((error as Error).message).toMatch(message);
  });

  it("rejects structured steps with a bad name or count", () => {
    expect(() => parseFlow([{ node: "two words" }])).toThrow(/step node "two words" is not a resource name/);
    expect(() => parseFlow([{ node: "A" }, { node: "B", times: 1.5 }])).toThrow(
      /step B has times 1.5; use "once", "at-least-once", "never" or a whole number/,
    );
  });
});

describe("cardinalityText", () => {
  it("says each cardinality in words", () => {
    expect(["once", 1, "at-least-once", "never", 0, 3].map((t) => cardinalityText(t as never))).toEqual([
      "exactly once",
      "exactly once",
      "at least once",
      "never",
      "never",
      "exactly 3 times",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { describeHop, formatMs, formatPath, relativeMs } from "./choreography-format.ts";
import { edit, hop, orderPath } from "./testing/correlation/hops.ts";

describe("formatPath", () => {
  it("prints each hop with its time relative to the first, its kind, outcome and ids", () => {
    let hops = edit(orderPath("c-1"), "h6", { correlationIds: [] });
    hops = edit(hops, "h7", { status: "error", error: "Boom", attempt: 2, coldStart: false });
    expect(formatPath(hops)).toBe(
      [
        "  +0 ms    test → Orders (send, 2 ms) [c-1]",
        "  +10 ms   Orders → reserveStock (invocation via sqs, attempt 1, cold, 50 ms) [c-1]",
        "  +20 ms   reserveStock → Inventory (write, 5 ms) [c-1]",
        "  +30 ms   reserveStock → Reservations (write, 5 ms) [c-1]",
        "  +70 ms   Inventory → publishStockChange (invocation via dynamodb-stream, attempt 1, 20 ms) [c-1]",
        "  +80 ms   publishStockChange → StockEvents (publish, 2 ms) [no correlation id]",
        "  +100 ms  StockEvents → notifyShipping (invocation via sns, attempt 2, 20 ms, error: Boom) [c-1]",
      ].join("\n"),
    );
  });

  it("takes an origin and an indent, and prints nothing for no hops", () => {
    const [first] = orderPath("c-1");
    expect(formatPath([first!], { originMs: 1_005, indent: "" })).toBe(
      "-5 ms  test → Orders (send, 2 ms) [c-1]",
    );
    expect(formatPath([])).toBe("");
  });
});

describe("describeHop and times", () => {
  it("says when a hop is still running or failed without a message", () => {
    expect(describeHop(hop("o", "invoke", "a", "b", { status: "open", endMs: undefined }))).toBe(
      "a → b (invoke, still running)",
    );
    expect(describeHop(hop("e", "deliver", "T", "Q", { status: "error", startMs: 0.25, endMs: 1 }))).toBe(
      "T → Q (deliver, 0.8 ms, error)",
    );
  });

  it("prints whole and fractional milliseconds, signed relative times", () => {
    expect([formatMs(12), formatMs(12.345), relativeMs(1_012, 1_000), relativeMs(997.5, 1_000)]).toEqual([
      "12",
      "12.3",
      "+12",
      "-2.5",
    ]);
  });
});

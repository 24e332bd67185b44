import { describe, expect, it } from "vitest";
import type { Hop, Target } from "../targets/target.ts";
import { checkChoreography, expectChoreography } from "./choreography.ts";
import { ChoreographyError } from "./choreography-error.ts";
import { parseFlow } from "./choreography-flow.ts";
import { edit, hop, INVENTORY_FLOW, orderPath } from "./testing/correlation/hops.ts";

const messages = (hops: readonly Hop[], options: Parameters<typeof checkChoreography>[2] = {}) =>
  checkChoreography(hops, INVENTORY_FLOW, options).findings.map((f) => f.message);

// Ten orders whose flows take 110, 120, … 200 ms end to end.
const load = Array.from({ length: 10 }, (_, i) => {
  const base = 10_000 * (i + 1);
  return edit(orderPath(`c-${i + 1}`, `o${i + 1}-`, base), `o${i + 1}-7`, {
    endMs: base + 100 + 10 * (i + 1),
  });
}).flat();

describe("checkChoreography: which ids", () => {
  it("checks every id the run started with by default, and reports the paths and durations", () => {
    const hops = [...orderPath("c-1"), ...edit(orderPath("c-2", "k", 5_000), "k6", { status: "error" })];
    const report = checkChoreography(hops, INVENTORY_FLOW);
    expect(report.correlationIds).toEqual(["c-1", "c-2"]);
    expect(report.findings.map((f) => [f.correlationId, f.kind, f.edge])).toEqual([
      ["c-2", "missing", "publishStockChange → StockEvents"],
    ]);
    expect(report.paths.get("c-1")?.map((h) => h.id)).toEqual(["h1", "h2", "h3", "h4", "h5", "h6", "h7"]);
    expect([...report.durationsMs]).toEqual([
      ["c-1", 120],
      ["c-2", 120],
    ]);
    expect(report.flow).toEqual(parseFlow(INVENTORY_FLOW));
  });

  it("checks only the ids asked for, and reports an id no hop carries", () => {
    const hops = [...orderPath("c-1"), ...orderPath("c-2", "k", 5_000)];
    expect(checkChoreography(hops, INVENTORY_FLOW, { correlationId: ["c-2"] }).correlationIds).toEqual([
      "c-2",
    ]);
    expect(messages(hops, { correlationId: "c-9" })).toEqual([
      "c-9: no hop carries this correlation id (ids the run started with: c-1, c-2)",
    ]);
  });

  it("says how to get ids when the test sent none", () => {
    expect(messages([hop("a", "send", "test", "Orders")])).toEqual([
      "no hop the test started carries a correlation id; send events through correlate(target), or pass correlationId",
    ]);
  });
});

describe("checkChoreography: time budget", () => {
  it("holds each id to withinMs, from the first declared hop's start to the last one's end", () => {
    expect(messages(orderPath("c-1"), { withinMs: 120 })).toEqual([]);
    expect(messages(orderPath("c-1"), { withinMs: 100 })).toEqual([
      "c-1: end to end took 120 ms, over the budget of 100 ms (from test → Orders at +0 ms to StockEvents → notifyShipping ending at +120 ms)",
    ]);
  });

  it("cannot time a flow whose hop is still running", () => {
    const open = edit(orderPath("c-1"), "h7", { status: "open", endMs: undefined });
    expect(messages(open, { withinMs: 1_000 })).toEqual([
      "c-1: missing hop StockEvents → notifyShipping (expected exactly once, saw none, and 1 that did not succeed: +100 ms (still running))",
      "c-1: the flow has not finished, so its time cannot be measured: StockEvents → notifyShipping (invocation via sns, attempt 1, cold, still running) at +100 ms; settle the target first",
    ]);
  });

  it("checks a percentile of the durations under load, naming the slowest ids", () => {
    expect(messages(load, { withinMs: 190, percentile: 90 })).toEqual([]);
    expect(messages(load, { withinMs: 180, percentile: 90 })).toEqual([
      "p90 end to end was 190 ms over 10 correlation ids, over the budget of 180 ms; slowest: c-10 (200 ms), c-9 (190 ms), c-8 (180 ms)",
    ]);
    expect(messages(load, { withinMs: 190 })).toEqual([
      "c-10: end to end took 200 ms, over the budget of 190 ms (from test → Orders at +0 ms to StockEvents → notifyShipping ending at +200 ms)",
    ]);
  });

  it.each([
    [{ withinMs: -1 }, /withinMs must be a number of ms, 0 or more \(got -1\)/],
    [{ withinMs: 10, percentile: 0 }, /percentile must be in \(0, 100\], such as 99 \(got 0\)/],
    [{ percentile: 99 }, /percentile needs withinMs/],
  ])("rejects the options %j", (options, message) => {
    expect(() => checkChoreography(orderPath("c-1"), INVENTORY_FLOW, options)).toThrow(message);
  });
});

describe("expectChoreography", () => {
  it("resolves with the report when the flow holds, reading a target's hops", async () => {
    const target = { hops: async () => orderPath("c-1") } as unknown as Target;
    const report = await expectChoreography(target, INVENTORY_FLOW, { withinMs: 500 });
    expect(report.findings).toEqual([]);
  });

  it("throws the discrepancies with the actual path", async () => {
    const hops = [
      ...orderPath("c-1"),
      hop("h7b", "invocation", "StockEvents", "notifyShipping", {
        via: "sns",
        causes: ["h6"],
        correlationIds: ["c-1"],
        startMs: 1_150,
        endMs: 1_160,
      }),
    ];
    const error = await expectChoreography(hops, INVENTORY_FLOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChoreographyError);
    expect((error as ChoreographyError).report.findings).toHaveLength(1);
    expect((error as Error).message).toBe(
      [
        `expectChoreography: the flow "${INVENTORY_FLOW}" did not hold for c-1 (1 finding):`,
        "  - c-1: duplicated hop StockEvents → notifyShipping (expected exactly once, saw 2: +100 ms, +150 ms)",
        "Actual path of c-1:",
        "  +0 ms    test → Orders (send, 2 ms) [c-1]",
        "  +10 ms   Orders → reserveStock (invocation via sqs, attempt 1, cold, 50 ms) [c-1]",
        "  +20 ms   reserveStock → Inventory (write, 5 ms) [c-1]",
        "  +30 ms   reserveStock → Reservations (write, 5 ms) [c-1]",
        "  +70 ms   Inventory → publishStockChange (invocation via dynamodb-stream, attempt 1, 20 ms) [c-1]",
        "  +80 ms   publishStockChange → StockEvents (publish, 2 ms) [c-1]",
        "  +100 ms  StockEvents → notifyShipping (invocation via sns, attempt 1, cold, 20 ms) [c-1]",
        "  +150 ms  StockEvents → notifyShipping (invocation via sns, 10 ms) [c-1]",
      ].join("\n"),
    );
  });

  it("under load, counts the failing ids and prints at most three paths", async () => {
    const broken = load.map((h) => (h.kind === "publish" ? { ...h, status: "error" as const } : h));
    const error = (await expectChoreography(broken, INVENTORY_FLOW).catch((e: unknown) => e)) as Error;
    const lines = error.message.split("\n");
    expect(lines[0]).toMatch(/did not hold for 10 of 10 correlation ids \(10 findings\):$/);
    expect(lines.filter((l) => l.startsWith("Actual path of"))).toEqual([
      "Actual path of c-1:",
      "Actual path of c-2:",
      "Actual path of c-3:",
    ]);
    expect(lines.at(-1)).toBe("(paths of 7 more correlation ids left out)");
  });

  it("prints the slowest id's path when only a percentile failed", async () => {
    const error = (await expectChoreography(load, INVENTORY_FLOW, { withinMs: 100, percentile: 50 }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message.split("\n").filter((l) => l.startsWith("Actual path of"))).toEqual([
      "Actual path of c-10:",
    ]);
  });
});

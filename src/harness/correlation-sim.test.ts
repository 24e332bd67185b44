import { describe, expect, it } from "vitest";
import { type SimulateOptions, simulate } from "../targets/sim/simulated-cloud.ts";
import { checkChoreography, expectChoreography } from "./choreography.ts";
import { ChoreographyError } from "./choreography-error.ts";
import { correlate } from "./correlated-target.ts";
import { checkCorrelation, expectCorrelation } from "./correlation.ts";
import { CORRELATION_FLOW, correlationApp } from "./testing/correlation/app.ts";

// The correlation and choreography checks on the hops the simulation records.

async function run(
  variant: "careful" | "lossy",
  orders: readonly object[],
  options: Partial<SimulateOptions> = {},
) {
  const cloud = await simulate(correlationApp(variant), { seed: 3, ...options });
  const sender = correlate(cloud);
  for (const order of orders) await sender.send("Orders", JSON.stringify(order));
  await cloud.settle();
  return { cloud, ids: sender.ids };
}

describe("correlation ids through the simulation", () => {
  it("survive every hop, a retry included, and the flow holds exactly", async () => {
    const { cloud } = await run("careful", [{ sku: "A", qty: 1, failFirst: true }]);
    await using _ = cloud;
    const hops = await cloud.hops();
    const send = hops[0];
    expect([send?.kind, send?.from, send?.correlationIds]).toEqual(["send", "test", ["corr-1"]]);
    const reserves = hops.filter((h) => h.to === "reserve");
    expect(reserves.map((h) => [h.status, h.attempt, h.correlationIds, h.traceId])).toEqual([
      ["error", 1, ["corr-1"], send?.id],
      ["ok", 2, ["corr-1"], send?.id],
    ]);
    await expectCorrelation(cloud);
    const report = await expectChoreography(cloud, CORRELATION_FLOW, { strict: true, withinMs: 30_000 });
    expect(report.paths.get("corr-1")).toHaveLength(hops.length);
  });

  it("names the queue consumer that published without the id", async () => {
    const { cloud } = await run("lossy", [{ sku: "A", qty: 1 }]);
    await using _ = cloud;
    await expect(expectCorrelation(cloud)).rejects.toThrow(
      "expectCorrelation: correlation ids did not survive every hop (1 finding):\n" +
        "  - restock published to Alerts without the correlation id it received (corr-1)",
    );
    // The path goes on past the hop that lost the id, so the choreography can still be checked.
    await expectChoreography(cloud, CORRELATION_FLOW, { strict: true });
  });

  it("reports duplicated hops when SQS delivers every message twice", async () => {
    const { cloud } = await run("careful", [{ sku: "A", qty: 1 }], {
      delivery: { duplicateDeliveryProbability: 1 },
    });
    await using _ = cloud;
    expect(checkCorrelation(await cloud.hops())).toEqual([]);
    const error = await expectChoreography(cloud, CORRELATION_FLOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChoreographyError);
    const findings = (error as ChoreographyError).report.findings;
    expect(findings.map((f) => [f.kind, f.edge])).toContainEqual(["duplicated", "Orders → reserve"]);
    expect(findings.find((f) => f.edge === "Orders → reserve")?.message).toMatch(
      /^corr-1: duplicated hop Orders → reserve \(expected exactly once, saw 2: \+\d+ ms, \+\d+ ms\)$/,
    );
    expect((error as Error).message).toMatch(/\nActual path of corr-1:\n {2}\+0 ms +test → Orders \(send/);
  });

  it("checks a percentile of end-to-end times over many orders, on virtual time", async () => {
    const orders = Array.from({ length: 12 }, (_, i) => ({ sku: `S${i}`, qty: i }));
    const { cloud, ids } = await run("careful", orders);
    await using _ = cloud;
    const hops = await cloud.hops();
    const report = checkChoreography(hops, CORRELATION_FLOW, { withinMs: 60_000, percentile: 99 });
    expect(report.findings).toEqual([]);
    expect(report.correlationIds).toEqual(ids);
    expect(report.durationsMs.size).toBe(12);
    const tight = checkChoreography(hops, CORRELATION_FLOW, { withinMs: 1, percentile: 99 });
    expect(tight.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^p99 end to end was \d+ ms over 12 correlation ids, over the budget of 1 ms; slowest: /,
      ),
    ]);
  });

  it("follows an id put into a direct invoke's payload, counting the Invoke and its invocation once", async () => {
    await using cloud = await simulate(correlationApp("careful"), { seed: 5 });
    const record = {
      body: JSON.stringify({ sku: "B", qty: 2 }),
      attributes: { ApproximateReceiveCount: "1" },
      messageAttributes: { correlationId: { stringValue: "inv-1", dataType: "String" } },
    };
    const result = await correlate(cloud).invoke(
      "reserve",
      { Records: [record] },
      { correlationId: "inv-1" },
    );
    expect(result.correlationId).toBe("inv-1");
    await cloud.settle();
    const hops = await cloud.hops();
    expect(hops.slice(0, 2).map((h) => [h.kind, h.from, h.to, h.correlationIds])).toEqual([
      ["invoke", "test", "reserve", ["inv-1"]],
      ["invocation", "test", "reserve", ["inv-1"]],
    ]);
    await expectCorrelation(hops);
    await expectChoreography(hops, "test → reserve → Stock stream → announce → Changes (at least once)", {
      correlationId: "inv-1",
    });
  });
});

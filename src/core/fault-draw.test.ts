import { describe, expect, it } from "vitest";
import { FaultLedger, faultDurationMs, faultFires } from "./fault-draw.ts";
import { Sfc32 } from "./prng.ts";
import { createSimulation } from "./simulation.ts";

describe("fault draws", () => {
  const kernel = () => {
    const rng = new Sfc32(1);
    const labels: string[] = [];
    const nextInt = (label: string, bound: number) => {
      labels.push(label);
      return rng.nextInt(bound);
    };
    return { labels, nextInt };
  };

  it("draws nothing for a fault that is off, and counts what fired", () => {
    const k = kernel();
    const ledger = new FaultLedger();
    const noting = {
      nextInt: k.nextInt,
      noteFault: (kind: string, _where: string, fired: boolean) => ledger.note(kind, fired),
    };
    expect(faultFires(noting, "sqs.duplicateDelivery", 0, "Orders")).toBe(false);
    expect(faultFires(noting, "sqs.duplicateDelivery", undefined, "Orders")).toBe(false);
    expect(k.labels).toEqual([]);
    let fired = 0;
    for (let i = 0; i < 1_000; i++) if (faultFires(noting, "lambda.timeout", 0.25, "reserveStock")) fired++;
    expect(fired).toBeGreaterThan(180);
    expect(fired).toBeLessThan(320);
    expect(ledger.counts.get("lambda.timeout")).toEqual({ consulted: 1_000, fired });
    expect(k.labels[0]).toBe("fault.lambda.timeout.reserveStock");
  });

  it("treats the simplest draw, 0, as no fault, so shrinking removes faults by lowering draws", () => {
    expect(faultFires({ nextInt: () => 0 }, "lambda.crashAfterSideEffect", 0.999, "fn")).toBe(false);
    const top = { nextInt: (_label: string, bound: number) => bound - 1 };
    expect(faultFires(top, "lambda.crashAfterSideEffect", 0.000001, "fn")).toBe(true);
  });

  it("draws durations within their bounds", () => {
    const k = kernel();
    for (let i = 0; i < 200; i++) {
      const ms = faultDurationMs(k, "sqs.deliveryDelay", 50, "Orders", 10);
      expect(ms).toBeGreaterThanOrEqual(10);
      expect(ms).toBeLessThanOrEqual(50);
    }
    expect(faultDurationMs(k, "sqs.deliveryDelay", 0, "Orders")).toBe(0);
  });
});

describe("fault coverage in a simulation", () => {
  it("counts consulted points and records fired faults on the trace", async () => {
    const sim = createSimulation({ seed: 1 });
    try {
      await sim.run(() => {
        for (let i = 0; i < 20; i++) faultFires(sim, "sqs.duplicateDelivery", 0.5, "Orders");
      });
      const count = sim.faultCoverage().get("sqs.duplicateDelivery");
      expect(count?.consulted).toBe(20);
      const spans = sim.trace.all().filter((s) => s.name === "fault.sqs.duplicateDelivery");
      expect(spans).toHaveLength(count?.fired ?? -1);
      expect(spans[0]?.attributes).toEqual({ where: "Orders" });
      expect(count?.fired).toBeGreaterThan(0);
    } finally {
      await sim.dispose();
    }
  });
});

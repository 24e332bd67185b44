import { describe, expect, it } from "vitest";
import { createSimulation } from "../core/simulation.ts";
import { EventuallyTimeoutError, eventually } from "./eventually.ts";

describe("eventually", () => {
  it("waits on virtual time inside a simulation, backing off until the result is ready", async () => {
    const sim = createSimulation({ seed: 1 });
    try {
      const { value, waitedMs, probes } = await sim.run(async () => {
        const readyAtMs = Date.now() + 7_300; // e.g. a cold start of 7.3 s
        let probes = 0;
        const start = Date.now();
        const value = await eventually(() => {
          probes++;
          if (Date.now() < readyAtMs) throw new Error("not processed yet");
          return "done";
        });
        return { value, waitedMs: Date.now() - start, probes };
      });
      expect(value).toBe("done");
      expect(waitedMs).toBeGreaterThanOrEqual(7_300);
      // Back-off: a handful of probes, and the overshoot past readiness is bounded by the last wait.
      expect(probes).toBeLessThan(12);
      expect(waitedMs).toBeLessThan(7_300 + 5_000);
    } finally {
      sim.dispose();
    }
  });

  it("fails with the last error and the polling history once the deadline passes", async () => {
    const waits: number[] = [];
    const error = await eventually(
      () => {
        throw new Error("still missing");
      },
      { timeoutMs: 1_000, wait: async (ms) => void waits.push(ms), description: "the reservation" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventuallyTimeoutError);
    expect((error as Error).message).toMatch(
      /^the reservation did not pass within 1000 ms \(\d+ attempts\); last error: still missing/,
    );
    expect(waits.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(waits.slice(0, 3).every((ms, i) => i === 0 || ms >= (waits[i - 1] as number))).toBe(true);
    expect((error as EventuallyTimeoutError).attempts.at(-1)?.afterMs).toBe(1_000);
  });

  it("draws the same waits for the same seed", async () => {
    const waitsFor = async (seed: number) => {
      const waits: number[] = [];
      await eventually(
        () => {
          throw new Error("x");
        },
        { timeoutMs: 5_000, seed, wait: async (ms) => void waits.push(ms) },
      ).catch(() => undefined);
      return waits;
    };
    expect(await waitsFor(3)).toEqual(await waitsFor(3));
    expect(await waitsFor(3)).not.toEqual(await waitsFor(4));
  });

  it("refuses options that cannot work", async () => {
    await expect(eventually(() => 1, { jitter: 2 })).rejects.toThrow(/jitter must be in \[0, 1\]/);
  });
});

import { describe, expect, it } from "vitest";
import { createSimulation } from "../core/simulation.ts";
import { EventuallyTimeoutError, eventually } from "./eventually.ts";

const failing = () => {
  throw new Error("still missing");
};

/** The waits `eventually` asks for while its probe never passes. */
async function waitsUntilTimeout(timeoutMs: number, seed?: number): Promise<number[]> {
  const waits: number[] = [];
  await eventually(failing, {
    timeoutMs,
    wait: async (ms) => void waits.push(ms),
    ...(seed === undefined ? {} : { seed }),
  }).catch(() => undefined);
  return waits;
}

describe("eventually", () => {
  it("waits on virtual time inside a simulation and probes within 10% of readiness", async () => {
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
      // The old defaults (×2 up to 5 s) first looked at ~10 s here; these look within 730 ms.
      expect(waitedMs).toBeLessThanOrEqual(7_300 * 1.1);
      expect(probes).toBeLessThan(40);
    } finally {
      sim.dispose();
    }
  });

  it("backs off from 50 ms by ×1.1 with up to 20% jitter, capped at 2 s, by default", async () => {
    const waits = await waitsUntilTimeout(30_000);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(30_000);
    // Every wait but the last (cut to the deadline) lies in [0.8 d, d] for the nominal delay d.
    for (const [i, ms] of waits.slice(0, -1).entries()) {
      const nominalMs = Math.min(2_000, 50 * 1.1 ** i);
      expect(ms).toBeGreaterThanOrEqual(Math.floor(nominalMs * 0.8));
      expect(ms).toBeLessThanOrEqual(Math.ceil(nominalMs));
    }
    expect(Math.max(...waits)).toBeGreaterThan(1_600); // the cap is reached within 30 s
  });

  it("fails with the last error and the polling history once the deadline passes", async () => {
    const waits: number[] = [];
    const error = await eventually(failing, {
      timeoutMs: 1_000,
      wait: async (ms) => void waits.push(ms),
      description: "the reservation",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventuallyTimeoutError);
    expect((error as Error).message).toMatch(
      /^the reservation did not pass within 1000 ms \(\d+ attempts\); last error: still missing\n {2}#1 after 0 ms: still missing\n/,
    );
    expect(waits.reduce((a, b) => a + b, 0)).toBe(1_000);
    const { attempts } = error as EventuallyTimeoutError;
    expect(attempts).toHaveLength(waits.length + 1);
    expect(attempts.at(-1)?.afterMs).toBe(1_000);
  });

  it("probes once more exactly at the deadline, so a result ready by then is not a failure", async () => {
    let waitedMs = 0;
    const value = await eventually(
      () => {
        if (waitedMs < 2_000) throw new Error("not yet");
        return waitedMs;
      },
      {
        timeoutMs: 2_000,
        initialDelayMs: 700,
        factor: 1,
        wait: async (ms) => {
          waitedMs += ms;
        },
      },
    );
    expect(value).toBe(2_000);
  });

  it("counts slow probes against the deadline when given the target's clock", async () => {
    let nowMs = 0;
    const error = await eventually(
      () => {
        nowMs += 400; // a probe that takes 400 ms of the target's time
        throw new Error("slow and missing");
      },
      {
        timeoutMs: 1_000,
        initialDelayMs: 100,
        factor: 1,
        jitter: 0,
        now: () => nowMs,
        wait: async (ms) => {
          nowMs += ms;
        },
      },
    ).catch((e: unknown) => e);
    // Counting the waits alone, it would have probed 11 times (every 100 ms up to 1,000).
    const { attempts } = error as EventuallyTimeoutError;
    expect(attempts.map((a) => a.afterMs)).toEqual([400, 900, 1_400]);
  });

  it("draws the same waits for the same seed", async () => {
    expect(await waitsUntilTimeout(5_000, 3)).toEqual(await waitsUntilTimeout(5_000, 3));
    expect(await waitsUntilTimeout(5_000, 3)).not.toEqual(await waitsUntilTimeout(5_000, 4));
  });

  it("refuses options that cannot work", async () => {
    await expect(eventually(() => 1, { jitter: 2 })).rejects.toThrow(/jitter must be in \[0, 1\]/);
    await expect(eventually(() => 1, { initialDelayMs: 0, description: "the order" })).rejects.toThrow(
      /eventually\(the order\): .*the delays positive/,
    );
  });

  it("throws an error the probe does not want retried at once", async () => {
    let probes = 0;
    const fatal = new Error("access denied");
    const error = await eventually(
      () => {
        probes++;
        throw fatal;
      },
      { retryIf: () => false, wait: async () => undefined },
    ).catch((e: unknown) => e);
    expect(error).toBe(fatal);
    expect(probes).toBe(1);
  });
});

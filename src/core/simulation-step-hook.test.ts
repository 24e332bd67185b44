import { afterEach, describe, expect, it } from "vitest";
import { SquallError } from "./errors.ts";
import { createSimulation, type Simulation } from "./simulation.ts";
import type { LoopStep } from "./simulation-options.ts";

const sims: Simulation[] = [];
afterEach(() => {
  for (const s of sims.splice(0)) s.dispose();
});
const sim = () => {
  const s = createSimulation({ seed: 1 });
  sims.push(s);
  return s;
};

const twoTimers = async () => {
  await new Promise((resolve) => setTimeout(resolve, 10, "a"));
  await new Promise((resolve) => setTimeout(resolve, 5, "b"));
};

describe("Simulation.onStep", () => {
  it("is called after every step with its number, label and virtual time", async () => {
    const s = sim();
    const seen: LoopStep[] = [];
    s.onStep((step) => void seen.push(step));
    await s.run(twoTimers);
    const start = Date.UTC(2025, 0, 1);
    expect(seen).toEqual([
      { step: 1, label: "scenario", nowMs: start },
      { step: 2, label: "setTimeout", nowMs: start + 10 },
      { step: 3, label: "setTimeout", nowMs: start + 15 },
    ]);
  });

  it("does not count handing over real work as a step: how many hand-overs a run takes is the process's business", async () => {
    const numbers = async (realWork: number) => {
      const s = sim();
      const seen: string[] = [];
      s.onStep(({ step, label }) => void seen.push(`${step} ${label}`));
      await s.run(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        // A first run compiles a handler (real work); a later run finds it compiled.
        for (let i = 0; i < realWork; i++) await s.awaitReal("compile", Promise.resolve(i));
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
      return seen.filter((line) => !line.endsWith("real work"));
    };
    expect(await numbers(2)).toEqual(await numbers(0));
    expect(await numbers(0)).toEqual(["1 scenario", "2 setTimeout", "3 setTimeout"]);
  });

  it("is awaited before the next step, and a throw stops the run with that error", async () => {
    const s = sim();
    let inHook = false;
    s.onStep(async ({ step }) => {
      inHook = true;
      await Promise.resolve();
      inHook = false;
      if (step === 2) throw new Error("broken at step 2");
    });
    const ran: boolean[] = [];
    await expect(
      s.run(async () => {
        for (let i = 0; i < 3; i++) {
          ran.push(inHook);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }),
    ).rejects.toThrow("broken at step 2");
    expect(ran).toEqual([false, false]);
  });

  it("stops being called once removed, and takes one hook at a time", async () => {
    const s = sim();
    let calls = 0;
    const off = s.onStep(() => {
      calls++;
    });
    expect(() => s.onStep(() => {})).toThrow(SquallError);
    off();
    await s.run(twoTimers);
    expect(calls).toBe(0);
    s.onStep(() => {});
  });
});

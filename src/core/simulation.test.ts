import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { ReplayDivergenceError } from "./choices.ts";
import { SimulationEscapeError } from "./escape.ts";
import { real } from "./real.ts";
import { randomSelector } from "./selector.ts";
import { createSimulation, type Simulation } from "./simulation.ts";
import { SimulationStalledError, UncaughtSimulationError } from "./simulation-options.ts";

const sims: Simulation[] = [];
function sim(seed = 1, options: Partial<Parameters<typeof createSimulation>[0]> = {}): Simulation {
  const s = createSimulation({ seed, ...options });
  sims.push(s);
  return s;
}
afterEach(() => {
  for (const s of sims.splice(0)) s.dispose();
});

describe("virtual time", () => {
  it("runs a 10-minute setTimeout without waiting, with Date.now moving by exactly that", async () => {
    const s = sim();
    const wallStart = performance.now();
    const elapsed = await s.run(async () => {
      const t0 = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 600_000));
      return Date.now() - t0;
    });
    expect(elapsed).toBe(600_000);
    expect(performance.now() - wallStart).toBeLessThan(5_000);
    expect(s.nowMs()).toBe(Date.UTC(2025, 0, 1) + 600_000);
  });

  it("leaves code outside the simulation on the real clock", async () => {
    const s = sim();
    await s.run(() => undefined);
    expect(new Date().toISOString() > "2026").toBe(true);
    expect(Date.now()).toBeGreaterThan(Date.UTC(2026, 0, 1));
  });

  it("virtualises new Date(), Date(), performance.now and timers/promises", async () => {
    const s = sim(1, { startTimeMs: Date.UTC(2030, 5, 1) });
    const seen = await s.run(async () => {
      await sleep(1_500);
      return { iso: new Date().toISOString(), str: Date(), perf: performance.now() };
    });
    expect(seen.iso).toBe("2030-06-01T00:00:01.500Z");
    expect(seen.str).toContain("2030");
    expect(seen.perf).toBe(1_500);
  });

  it("orders timers by due time, then by scheduling order", async () => {
    const s = sim();
    const order: string[] = [];
    await s.run(() => {
      setTimeout(() => order.push("b"), 20);
      setTimeout(() => order.push("a"), 10);
      setTimeout(() => order.push("c"), 20);
      setImmediate(() => order.push("now"));
    });
    await s.runUntilIdle();
    expect(order).toEqual(["now", "a", "b", "c"]);
  });

  it("supports setInterval, clearInterval and advance()", async () => {
    const s = sim();
    let ticks = 0;
    let handle: ReturnType<typeof setInterval> | undefined;
    await s.run(() => {
      handle = setInterval(() => ticks++, 100);
    });
    await s.advance(1_000);
    expect(ticks).toBe(10);
    clearInterval(handle);
    await s.runUntilIdle();
    expect(ticks).toBe(10);
  });

  it("refreshes a timeout as Node does: pushed back while pending, armed again once it fired", async () => {
    const s = sim();
    const fired: number[] = [];
    let handle: ReturnType<typeof setTimeout> | undefined;
    await s.run(() => {
      handle = setTimeout(() => fired.push(s.elapsedMs()), 100);
    });
    await s.advance(60);
    handle?.refresh();
    await s.runUntilIdle();
    handle?.refresh();
    await s.runUntilIdle();
    expect(fired).toEqual([160, 260]);
    // A cleared timer stays cleared, as Node's does.
    handle?.refresh();
    clearTimeout(handle);
    handle?.refresh();
    await s.runUntilIdle();
    expect(fired).toEqual([160, 260]);
  });

  it("treats unref'd timers and background actions like Node's unref'd timers", async () => {
    const s = sim();
    const fired: string[] = [];
    await s.run(() => {
      setInterval(() => fired.push("unref'd interval"), 1_000).unref();
      s.schedule(86_400_000, "ttl", () => fired.push("background"), { background: true });
      setTimeout(() => fired.push("foreground"), 2_500);
    });
    await s.runUntilIdle();
    expect(fired).toEqual(["unref'd interval", "unref'd interval", "foreground"]);
    expect(s.elapsedMs()).toBe(2_500);
    await s.advance(86_400_000);
    expect(fired.filter((f) => f === "background")).toHaveLength(1);
  });

  it("ends a runaway interval with a budget error instead of hanging", async () => {
    const s = sim();
    await s.run(() => void setInterval(() => undefined, 1_000));
    await expect(s.runUntilIdle({ maxSteps: 50 })).rejects.toThrow(SimulationStalledError);
  });

  it("reports a scenario that waits on something not simulated", async () => {
    const s = sim();
    await expect(s.run(() => new Promise(() => undefined))).rejects.toThrow(/nothing is scheduled/);
  });

  it("holds the clock and every action still while real work handed to awaitReal finishes", async () => {
    const s = sim();
    const events: string[] = [];
    const out = await s.run(async () => {
      setTimeout(() => events.push(`timer@${Date.now() - start}`), 0);
      const start = Date.now();
      // Real time passes (a real timer outside the simulation resolves it); virtual time must not.
      const work = () => new Promise<string>((resolve) => real.setTimeout(() => resolve("loaded"), 20));
      const value = await s.awaitReal("test.load", work);
      events.push(`${value}@${Date.now() - start}`);
      return Date.now() - start;
    });
    await s.runUntilIdle();
    expect(out).toBe(0);
    expect(events).toEqual(["loaded@0", "timer@1"]); // Node turns a 0 ms timeout into 1 ms
  });

  it("hands real work's outcomes over in the order it was asked for, not the order it finished", async () => {
    const s = sim();
    const order = await s.run(async () => {
      const seen: string[] = [];
      const later = (ms: number, name: string) => () =>
        new Promise<string>((resolve) => real.setTimeout(() => resolve(name), ms));
      await Promise.all([
        s.awaitReal("slow", later(30, "slow")).then((n) => seen.push(n)),
        s.awaitReal("fast", later(1, "fast")).then((n) => seen.push(n)),
      ]);
      return seen;
    });
    expect(order).toEqual(["slow", "fast"]);
  });

  it("wakes a scenario waiting for idle once only background work is left", async () => {
    const s = sim();
    const seen = await s.run(async () => {
      const log: string[] = [];
      setTimeout(() => log.push("a"), 100);
      setTimeout(() => setTimeout(() => log.push("b"), 50), 200);
      setTimeout(() => log.push("never waited for"), 5_000).unref();
      await s.idle();
      return { log, elapsedMs: s.elapsedMs() };
    });
    expect(seen.log).toEqual(["a", "b"]);
    expect(seen.elapsedMs).toBe(250);
  });

  it("surfaces an uncaught throw in a timer callback", async () => {
    const s = sim();
    await s.run(() => {
      setTimeout(() => {
        throw new Error("boom");
      }, 5);
    });
    await expect(s.runUntilIdle()).rejects.toThrow(UncaughtSimulationError);
  });
});

describe("seeded randomness", () => {
  const draw = (s: Simulation) =>
    s.run(() => ({
      random: [Math.random(), Math.random()],
      uuid: crypto.randomUUID(),
      bytes: Array.from(crypto.getRandomValues(new Uint8Array(6))),
    }));

  it("gives the same values for the same seed and different ones for another", async () => {
    const a = await draw(sim(7));
    const b = await draw(sim(7));
    const c = await draw(sim(8));
    expect(a).toEqual(b);
    expect(c.random).not.toEqual(a.random);
    expect(a.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("keeps two simulations running at once apart", async () => {
    const [a, b] = await Promise.all([draw(sim(7)), draw(sim(9))]);
    const [a2, b2] = await Promise.all([draw(sim(9)), draw(sim(7))]);
    expect(a).toEqual(b2);
    expect(b).toEqual(a2);
  });

  it("replays a recording and names the first divergent choice", async () => {
    const original = sim(3);
    const first = await draw(original);
    const recording = original.choices.recording();
    expect(await draw(sim(999, { recording }))).toEqual(first);
    const diverged = sim(999, { recording });
    const error = await diverged.run(() => diverged.nextInt("other.choice", 10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayDivergenceError);
    expect(String(error)).toMatch(/choice #0: the run asked for "other.choice".*"Math.random"/);
  });

  it("explores tie orders with the random selector, reproducibly per seed", async () => {
    const orderFor = async (seed: number) => {
      const s = sim(seed, { selector: randomSelector });
      const order: number[] = [];
      await s.run(() => {
        for (let i = 0; i < 6; i++) setTimeout(() => order.push(i), 10);
      });
      await s.runUntilIdle();
      return order.join("");
    };
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) orders.add(await orderFor(seed));
    expect(orders.size).toBeGreaterThan(5);
    expect(await orderFor(4)).toBe(await orderFor(4));
  });
});

describe("escape detection", () => {
  it("reports a real timer captured before the simulation, naming the call site, and cancels it", async () => {
    const captured = real.setTimeout; // what a module that saved `setTimeout` at load time holds
    const s = sim();
    let fired = false;
    const run = s.run(() => {
      captured(() => {
        fired = true;
      }, 1);
    });
    await expect(run).rejects.toThrow(
      /a real timer was scheduled inside simulation \(seed 1\) at .*simulation\.test\.ts/,
    );
    await sleep(5);
    expect(fired).toBe(false);
    expect(s.escapes).toHaveLength(1);
  });

  it("rejects a real socket opened inside a simulation, naming the call site", async () => {
    const s = sim();
    const error = await s
      .run(() => {
        net.connect({ host: "127.0.0.1", port: 9 });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationEscapeError);
    expect(String(error)).toMatch(/127\.0\.0\.1:9.*simulation\.test\.ts/);
    expect(s.escapes).toHaveLength(1);
  });

  it("leaves sockets outside the simulation alone", async () => {
    sim();
    const server = net.createServer((c) => c.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve();
      });
      socket.on("error", reject);
    });
    server.close();
  });
});

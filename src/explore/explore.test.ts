import { describe, expect, it } from "vitest";
import type { App } from "../app/model.ts";
import type { Sometimes, SquallConfig } from "../targets/scenario.ts";
import { decodeChoices } from "./choices-code.ts";
import { type ExploreResult, explore } from "./explore.ts";
import { runSchedule } from "./run-once.ts";
import { selectorFor } from "./strategy.ts";
import { counterConfig } from "./testing/config.ts";
import { lazyCounterConfig } from "./testing/lazy-config.ts";

describe("explore", () => {
  it("passes every schedule when no fault is injected", async () => {
    const result = await explore(counterConfig, { scenario: "three", runs: 4 });
    expect(result.schedules).toBe(4);
    expect(result.failures).toEqual([]);
  });

  it("finds duplicate deliveries breaking a non-idempotent consumer, shrinks and replays it exactly", async () => {
    const faults = { sqs: { duplicateDeliveryProbability: 0.5 } };
    const result = await explore(counterConfig, { scenario: "three", runs: 6, faults, maxShrinkReplays: 80 });
    expect(result.failures).toHaveLength(1);
    const [failure] = result.failures;
    expect(failure?.signature).toBe("every message counted once");
    const shrunk = failure?.shrunk;
    expect(shrunk?.divergence).toBeUndefined();
    expect(shrunk?.draws).toBeLessThan(shrunk?.originalDraws ?? 0);
    // The one line: seed + encoded choices reproduce the failure bit for bit.
    const again = await runSchedule({
      config: counterConfig,
      app: counterConfig.app as never,
      scenario: "three",
      variant: undefined,
      seed: failure?.seed ?? 0,
      faults,
      ...selectorFor("random"),
      replay: decodeChoices(shrunk?.choices ?? ""),
    });
    expect(again.result.passed).toBe(false);
    expect(again.result.fingerprint).toBe(shrunk?.result.fingerprint);
  });

  it("splits seeds across shards without overlap", async () => {
    const seeds = async (index: number) => {
      const seen: number[] = [];
      await explore(counterConfig, {
        scenario: "three",
        runs: 5,
        shard: { index, count: 2 },
        onProgress: () => {},
      }).then((r) => seen.push(r.schedules));
      return seen[0];
    };
    expect([await seeds(1), await seeds(2)]).toEqual([3, 2]);
    await expect(
      explore(counterConfig, { scenario: "three", shard: { index: 3, count: 2 } }),
    ).rejects.toThrow(/shard must be k\/n/);
  });
});

describe("sometimes states", () => {
  const countedTwice: Sometimes = {
    name: "a message counted twice",
    async reached({ target }) {
      return ((await target.getItem("Counters", { id: "messages" }))?.seen as number) > 3;
    },
  };
  const config = { ...counterConfig, sometimes: [countedTwice] };

  it("counts the schedules that reached each state, and keeps the ones none reached at 0", async () => {
    const options = { scenario: "three", runs: 6, shrink: false } as const;
    const calm = await explore(config, options);
    expect(calm.reached).toEqual({ "a message counted twice": 0 });
    const faulty = await explore(config, {
      ...options,
      faults: { sqs: { duplicateDeliveryProbability: 0.5 } },
    });
    const failing = faulty.failures.reduce((n, f) => n + f.count, 0);
    expect(faulty.reached["a message counted twice"]).toBe(failing);
    expect(failing).toBeGreaterThan(0);
  });

  it("leaves the run as it was: same fingerprints with and without the states", async () => {
    const faults = { sqs: { duplicateDeliveryProbability: 0.5 } };
    const schedule = {
      app: counterConfig.app as App,
      scenario: "three",
      variant: undefined,
      seed: 4,
      faults,
    };
    const plain = await runSchedule({ config: counterConfig, ...schedule });
    const watched = await runSchedule({ config, ...schedule });
    expect(watched.result.fingerprint).toBe(plain.result.fingerprint);
    expect(watched.values).toEqual(plain.values);
  });
});

describe("explore in worker threads", () => {
  const options = {
    scenario: "three",
    runs: 6,
    faults: { sqs: { duplicateDeliveryProbability: 0.5 } },
    shrink: false,
  } as const;
  const failuresOf = (r: ExploreResult) => r.failures.map((f) => [f.signature, f.seed, f.count]);

  /** Searches `config` (from `file` beside this test) in two workers and checks it finds what one thread finds. */
  async function inWorkers(config: SquallConfig, file: string, schedulesPerWorker: number): Promise<void> {
    const alone = await explore(counterConfig, options);
    const configFile = new URL(file, import.meta.url).pathname;
    const parallel = await explore(config, { ...options, workers: 2, configFile, schedulesPerWorker });
    expect(parallel.schedules).toBe(6);
    expect(failuresOf(parallel)).toEqual(failuresOf(alone));
  }

  it("finds what one thread finds, with every schedule run once, across recycled workers", async () => {
    await inWorkers(counterConfig, "./testing/config.ts", 2);
    await expect(explore(counterConfig, { ...options, workers: 2 })).rejects.toThrow(/needs configFile/);
  });

  it("recycles workers whose handler files need Node's loader, and finds the same", async () => {
    await inWorkers(lazyCounterConfig, "./testing/lazy-config.ts", 1);
  });
});

import { describe, expect, it } from "vitest";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import type { Target } from "../targets/target.ts";
import { assertOrdering } from "./ordering.ts";
import { OrderingAssertionError } from "./ordering-assertion-error.ts";
import type { AssertOrderingOptions, OrderingPolicy, OrderingTrial } from "./ordering-types.ts";
import { testKey } from "./test-identity.ts";
import { levelsApp } from "./testing/ordering/app.ts";

const testId = { file: "src/harness/ordering.test.ts", name: "assertOrdering" };
const levels = (count: number) => (trial: OrderingTrial) =>
  Array.from({ length: count }, (_, i) => ({ sku: trial.key, level: 10 * (i + 1) }));
const sequenceOf = (target: Target) => async (trial: OrderingTrial) =>
  (await target.getItem("Levels", { sku: trial.key }))?.sequence as number | undefined;
const appliedOf = (target: Target) => async (trial: OrderingTrial) =>
  ((await target.getItem("Levels", { sku: trial.key }))?.applied as number[] | undefined) ?? [];

function options(
  target: Target,
  fn: string,
  policy: OrderingPolicy,
  more: Partial<AssertOrderingOptions<unknown>> = {},
): AssertOrderingOptions<unknown> {
  return { function: fn, testId, policy, events: levels(2), state: sequenceOf(target), ...more };
}

async function failure(run: Promise<unknown>): Promise<OrderingAssertionError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OrderingAssertionError);
  return error as OrderingAssertionError;
}

describe("assertOrdering, latest-wins", () => {
  it("fails last-writer-wins, naming the delivery order that broke it", async () => {
    await using cloud = await simulate(levelsApp, { seed: 1 });
    const error = await failure(assertOrdering(cloud, options(cloud, "lastWriter", "latest-wins")));
    const key = testKey(testId, { nowMs: cloud.nowMs() - 2000, scope: "assertOrdering/lastWriter/1" });
    expect(error.message.split("\n")).toEqual([
      'assertOrdering: function "lastWriter", policy latest-wins: delivered #2 before #1 (sent order #1, #2): final state has sequence 1, expected 2.',
      `  trial key ${key} (derived from test "assertOrdering" in src/harness/ordering.test.ts, hour 2025-01-01T00:00:00.000Z)`,
      "  1 of 2 delivery orders (all of them) broke it: #2 #1",
    ]);
    expect(error.failure).toMatchObject({
      policy: "latest-wins",
      order: [2, 1],
      state: 1,
      failingOrders: [[2, 1]],
    });
  });

  it("passes the conditional write in all 6 orders of 3 events", async () => {
    await using cloud = await simulate(levelsApp, { seed: 1 });
    const report = await assertOrdering(
      cloud,
      options(cloud, "conditional", "latest-wins", { events: levels(3) }),
    );
    expect(report.sampled).toBe(false);
    expect(report.trials.map((t) => t.order.join(""))).toEqual(["123", "132", "213", "231", "312", "321"]);
    expect(report.trials.every((t) => t.state === 3)).toBe(true);
    expect(new Set(report.trials.map((t) => t.key)).size).toBe(6);
  });

  it("names a state that went back to an older event, from the applied history", async () => {
    await using cloud = await simulate(levelsApp, { seed: 1 });
    const error = await failure(
      assertOrdering(cloud, options(cloud, "lastWriter", "latest-wins", { state: appliedOf(cloud) })),
    );
    expect(error.message).toMatch(
      /delivered #2 before #1 \(sent order #1, #2\): sequences applied 2, 1: #1 took effect after #2, so the state went back to an older event\./,
    );
  });

  it("delivers through a custom deliver, and samples orders reproducibly, the reversed one first", async () => {
    await using cloud = await simulate(levelsApp, { seed: 1 });
    const deliver = async (event: unknown) => {
      await cloud.invoke("lastWriter", event);
    };
    const run = () =>
      failure(
        assertOrdering(cloud, {
          deliver,
          testId,
          policy: "latest-wins",
          events: levels(5),
          state: sequenceOf(cloud),
          orders: 4,
          seed: 7,
        }),
      );
    const first = await run();
    expect(first.message).toMatch(
      /^assertOrdering: deliver, policy latest-wins: delivered #5, #4, #3, #2, #1 \(sent order #1, #2, #3, #4, #5\): final state has sequence 1, expected 5\./,
    );
    expect(first.message).toMatch(/\(sampled with seed 7\) broke it: #5 #4 #3 #2 #1; /);
    expect(first.failure.triedOrders).toBe(4);
    const second = await run();
    expect(second.failure.failingOrders).toEqual(first.failure.failingOrders);
  });
});

describe("assertOrdering, reject-out-of-order", () => {
  it("passes a handler that fails on older updates, and reports which it rejected", async () => {
    await using cloud = await simulate(levelsApp, { seed: 2 });
    const report = await assertOrdering(cloud, options(cloud, "strict", "reject-out-of-order"));
    expect(report.trials.map((t) => [t.order, t.rejected])).toEqual([
      [[1, 2], []],
      [[2, 1], [1]],
    ]);
  });

  it("fails a handler that drops an older update quietly instead of rejecting it", async () => {
    await using cloud = await simulate(levelsApp, { seed: 2 });
    const error = await failure(assertOrdering(cloud, options(cloud, "conditional", "reject-out-of-order")));
    expect(error.message.split("\n")[0]).toBe(
      'assertOrdering: function "conditional", policy reject-out-of-order: delivered #2 before #1 (sent order #1, #2): #1 arrived after #2 and was accepted (it answered {"applied":false}), expected it rejected.',
    );
  });
});

describe("assertOrdering, park", () => {
  it("passes a handler that parks early updates and applies them in order", async () => {
    await using cloud = await simulate(levelsApp, { seed: 3 });
    const report = await assertOrdering(
      cloud,
      options(cloud, "parking", "park", { events: levels(3), state: appliedOf(cloud) }),
    );
    expect(report.trials.every((t) => JSON.stringify(t.state) === "[1,2,3]")).toBe(true);
  });

  it("fails a conditional write, which applies only the newest, and needs a history to judge", async () => {
    await using cloud = await simulate(levelsApp, { seed: 3 });
    const error = await failure(
      assertOrdering(cloud, options(cloud, "conditional", "park", { state: appliedOf(cloud) })),
    );
    expect(error.message.split("\n")[0]).toBe(
      'assertOrdering: function "conditional", policy park: delivered #2 before #1 (sent order #1, #2): sequences applied 2, expected 1, 2 (an early event parked until the gap before it filled).',
    );
    await expect(
      assertOrdering(cloud, options(cloud, "parking", "park", { testId: { ...testId, name: "number" } })),
    ).rejects.toThrow(/policy "park" needs the state probe to return the sequence numbers applied/);
  });
});

describe("assertOrdering's options", () => {
  it("names the mistake", async () => {
    await using cloud = await simulate(levelsApp, { seed: 4 });
    const deliver = async () => undefined;
    await expect(
      assertOrdering(cloud, options(cloud, "conditional", "latest-wins", { deliver })),
    ).rejects.toThrow(/give either function .* or deliver .*, not both and not neither/);
    await expect(assertOrdering(cloud, options(cloud, "nope", "latest-wins"))).rejects.toThrow(
      /app "ordering-fixture" has no function "nope" \(functions: conditional, lastWriter, strict, parking\)/,
    );
    await expect(
      assertOrdering(cloud, options(cloud, "conditional", "latest-wins", { events: levels(1) })),
    ).rejects.toThrow(/at least 2 events to reorder, got 1/);
  });
});

import { describe, expect, it } from "vitest";
import { SquallError } from "../core/errors.ts";
import { correlate } from "../harness/correlated-target.ts";
import { correlationApp } from "../harness/testing/correlation/app.ts";
import { reservationsApp } from "../harness/testing/idempotency/app.ts";
import { levelsApp } from "../harness/testing/ordering/app.ts";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import type { Target } from "../targets/target.ts";
import "./matchers.ts";

const reservationsOf = (target: Target) => async (key: string) =>
  (await target.scan("Reservations")).filter((r) => r.orderId === key).length;
const order = (key: string) => ({ orderId: key, sku: "A", qty: 1 });
const ordering = (target: Target, fn: string) => ({
  function: fn,
  policy: "latest-wins" as const,
  events: (trial: { key: string }) => [1, 2].map((i) => ({ sku: trial.key, level: 10 * i })),
  state: async (trial: { key: string }) =>
    (await target.getItem("Levels", { sku: trial.key }))?.sequence as number | undefined,
});

describe("squall matchers", () => {
  it("toBeIdempotent passes the Powertools handler and fails the naive one with the assertion's message", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    await expect(cloud).toBeIdempotent({
      function: "safeOrder",
      event: order,
      effects: reservationsOf(cloud),
    });
    await expect(
      expect(cloud).toBeIdempotent({
        function: "naiveOrder",
        event: order,
        effects: reservationsOf(cloud),
        modes: ["sequential"],
      }),
    ).rejects.toThrow(/function "naiveOrder", mode sequential: attempt 2 of 3 .* made a second side effect/);
  });

  it("toKeepOrder passes a sequence-checked write and names the order that broke last-writer-wins", async () => {
    await using cloud = await simulate(levelsApp, { seed: 3 });
    await expect(cloud).toKeepOrder(ordering(cloud, "conditional"));
    await expect(expect(cloud).toKeepOrder(ordering(cloud, "lastWriter"))).rejects.toThrow(
      /delivered #2 before #1 \(sent order #1, #2\): final state has sequence 1, expected 2/,
    );
  });

  it("toFollowChoreography and toKeepCorrelationIds read the target's hops", async () => {
    await using cloud = await simulate(correlationApp("lossy"), { seed: 3 });
    await correlate(cloud).send("Orders", JSON.stringify({ sku: "A", qty: 1 }));
    await cloud.settle();
    await expect(cloud).toFollowChoreography("Orders → reserve → Stock stream → announce → Changes → notify");
    await expect(
      expect(cloud).toFollowChoreography(
        "Orders → reserve → Stock stream → announce → Changes → notify (never)",
      ),
    ).rejects.toThrow(/notify/);
    await expect(expect(cloud).toKeepCorrelationIds()).rejects.toThrow(
      /restock published to Alerts without the correlation id it received/,
    );
  });

  it("throws usage mistakes as they are instead of calling them a verdict", async () => {
    await expect(expect({}).toKeepCorrelationIds()).rejects.toThrow(SquallError);
    await using cloud = await simulate(levelsApp, { seed: 3 });
    await expect(expect(cloud).not.toKeepOrder(ordering(cloud, "conditional"))).rejects.toThrow(
      /not supported/,
    );
  });
});

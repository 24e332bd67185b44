import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import { randomSelector } from "../../core/selector.ts";
import { simulate } from "./simulated-cloud.ts";

// Sessions expire together (one TTL second holds many items) while other writes land in the same
// milliseconds: the case where the TTL sweeper's one kernel action meets the actions a random
// schedule chooses among.
const app = defineApp({
  name: "sessions",
  tables: {
    Sessions: {
      partitionKey: { name: "id", type: "S" },
      stream: "NEW_AND_OLD_IMAGES",
      ttlAttribute: "expiresAt",
    },
  },
});

async function run(seed: number): Promise<{ fingerprint: string; removed: string[]; left: number }> {
  await using cloud = await simulate(app, {
    seed,
    selector: randomSelector,
    dynamodb: { ttlDeletionDelay: { minMs: 0, maxMs: 3 } },
  });
  await cloud.run(async () => {
    const nowS = Math.floor(Date.now() / 1000);
    const writes = [];
    for (let i = 0; i < 24; i++)
      writes.push(cloud.putItem("Sessions", { id: `s${i}`, expiresAt: nowS + 1 + (i % 3) }));
    await Promise.all(writes);
    // Writes due in the milliseconds the sessions expire and are deleted in.
    for (let ms = 1000; ms <= 3010; ms += 1)
      setTimeout(() => void cloud.putItem("Sessions", { id: `late-${ms % 7}` }), ms - (Date.now() % 1000));
  });
  await cloud.advance(10_000);
  const removed = (await cloud.tableChanges("Sessions"))
    .filter((change) => change.eventName === "REMOVE")
    .map((change) => String(change.keys.id));
  return { fingerprint: cloud.sim.trace.fingerprint(), removed, left: cloud.scanTable("Sessions").length };
}

describe("TTL deletions under a random schedule", () => {
  it("delete every expired item, in the same order and with the same trace for the same seed", async () => {
    const first = await run(21);
    expect(first.removed).toHaveLength(24);
    expect(new Set(first.removed).size).toBe(24);
    expect(first.left).toBe(7); // the late-* items carry no expiry
    expect(await run(21)).toEqual(first);
  });

  it("order the deletions differently for different seeds", async () => {
    const orders = new Set<string>();
    for (const seed of [1, 2, 3, 4]) orders.add((await run(seed)).removed.join(","));
    expect(orders.size).toBeGreaterThan(1);
  });
});

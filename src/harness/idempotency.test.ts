import { describe, expect, it } from "vitest";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import type { Target } from "../targets/target.ts";
import { sequentialIds } from "./events/options.ts";
import { sqsEvent } from "./events/sqs.ts";
import { assertIdempotent } from "./idempotency.ts";
import { IdempotencyAssertionError } from "./idempotency-assertion-error.ts";
import type { AssertIdempotentOptions } from "./idempotency-types.ts";
import { testKey } from "./test-identity.ts";
import { reservationsApp } from "./testing/idempotency/app.ts";

const testId = { file: "src/harness/idempotency.test.ts", name: "assertIdempotent" };
const order = (key: string) => ({ orderId: key, sku: "A", qty: 1 });
const reservationsFor = (target: Target) => async (key: string) =>
  (await target.scan("Reservations")).filter((r) => r.orderId === key).length;

function options(
  target: Target,
  fn: string,
  more: Partial<AssertIdempotentOptions> = {},
): AssertIdempotentOptions {
  return { function: fn, testId, event: order, effects: reservationsFor(target), ...more };
}

async function failure(run: Promise<unknown>): Promise<IdempotencyAssertionError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdempotencyAssertionError);
  return error as IdempotencyAssertionError;
}

describe("assertIdempotent on a function invoked directly", () => {
  it("fails the naive reservation at the second sequential attempt, responses side by side", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    const error = await failure(assertIdempotent(cloud, options(cloud, "naiveOrder")));
    const key = testKey(testId, { nowMs: cloud.nowMs(), scope: "assertIdempotent/naiveOrder/sequential" });
    const lines = error.message.split("\n");
    expect(lines[0]).toBe(
      'assertIdempotent: function "naiveOrder", mode sequential: attempt 2 of 3 (a duplicate delivered after attempt 1 completed) made a second side effect: effects went from 1 to 2.',
    );
    expect(lines[1]).toBe(
      `  key ${key} (derived from test "assertIdempotent" in src/harness/idempotency.test.ts, mode sequential, hour 2025-01-01T00:00:00.000Z)`,
    );
    expect(lines[2]).toMatch(/^ {2}attempt 1 \(first response\) +│ attempt 2$/);
    expect(lines[4]).toMatch(new RegExp(`"orderId": "${key}", +│ +"orderId": "${key}",$`));
    expect(lines[5]).toMatch(/"reservationId": "[0-9a-f-]{36}" +≠ +"reservationId": "[0-9a-f-]{36}"$/);
    expect(error.failure).toMatchObject({
      violation: "second-effect",
      mode: "sequential",
      key,
      attempts: [2],
      effectsBefore: 1,
      effectsAfter: 2,
    });
  });

  it.each([
    [
      "concurrent",
      /mode concurrent: attempts 1, 2, 3, delivered at the same moment, left 3 side effects; expected 1\./,
    ],
    [
      "redelivery-after-lost-ack",
      /mode redelivery-after-lost-ack: attempt 2 of 3 \(redelivered after the visibility timeout as if attempt 1's acknowledgement was lost\) made a second side effect: effects went from 1 to 2\./,
    ],
  ] as const)("fails the naive reservation in %s mode", async (mode, message) => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    const error = await failure(assertIdempotent(cloud, options(cloud, "naiveOrder", { modes: [mode] })));
    expect(error.message).toMatch(message);
  });

  it("passes the Powertools reservation in every mode, with cached results that expire", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    const startMs = cloud.nowMs();
    const report = await assertIdempotent(
      cloud,
      options(cloud, "safeOrder", { cache: { table: "Idempotency" } }),
    );
    expect(report.modes.map((m) => [m.mode, m.effects])).toEqual([
      ["sequential", 1],
      ["concurrent", 1],
      ["redelivery-after-lost-ack", 1],
    ]);
    // The concurrent copies really raced: Powertools turned the losers away (in progress), and
    // their redeliveries got the cached response.
    const concurrent = report.modes[1];
    expect(concurrent?.overlapped).toBe(true);
    expect(concurrent?.attempts.some((a) => a.receives > 1)).toBe(true);
    // One record per mode and one for the concurrent warm-up key, each an hour ahead in seconds.
    expect(report.cacheRecords).toHaveLength(4);
    for (const record of report.cacheRecords)
      expect(record.expiration).toBeGreaterThan(Math.floor(startMs / 1000) + 3000);
  });

  it("fails a function that writes once but answers differently, and passes it with normalize", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    const error = await failure(assertIdempotent(cloud, options(cloud, "conditionalOrder")));
    expect(error.message.split("\n")[0]).toBe(
      'assertIdempotent: function "conditionalOrder", mode sequential: attempt 2 of 3 (a duplicate delivered after attempt 1 completed) answered differently from attempt 1. A retried request must get the first result back (as a cached record in a DynamoDB TTL table, the way Powertools keeps it), not a new one; pass normalize to ignore a field that may legitimately differ.',
    );
    expect(error.message).toMatch(/"confirmation": "[0-9a-f-]{36}" +≠ +"confirmation": "[0-9a-f-]{36}"/);
    const normalize = (payload: unknown) => ({ ...(payload as object), confirmation: "ignored" });
    const other = { ...testId, name: "with normalize" };
    await expect(
      assertIdempotent(cloud, options(cloud, "conditionalOrder", { normalize, testId: other })),
    ).resolves.toMatchObject({ function: "conditionalOrder" });
  });

  it("fails a function that rejects every duplicate: the queue would dead-letter it", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    const error = await failure(
      assertIdempotent(cloud, options(cloud, "rejectDuplicate", { maxReceives: 2 })),
    );
    expect(error.message).toMatch(
      /mode sequential: attempt 2 of 3 \(a duplicate delivered after attempt 1 completed, received 2 times after rejections\) was rejected on all 2 receives/,
    );
    expect(error.message).toMatch(/\(FunctionError: Unhandled\)/);
    expect(error.failure.violation).toBe("never-accepted");
  });

  it("refuses a probe that sees no effect, and a key that already has effects", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    const blind = await failure(
      assertIdempotent(
        cloud,
        options(cloud, "safeOrder", { effects: () => 0, testId: { ...testId, name: "blind probe" } }),
      ),
    );
    expect(blind.message).toMatch(
      /mode sequential: attempt 1 left no side effect \(effects\("[0-9a-f-]{36}"\) returned 0\)/,
    );
    // The same test within the same hour derives the same key: the first run's effects are there.
    await assertIdempotent(cloud, options(cloud, "safeOrder", { modes: ["sequential"] }));
    const again = await failure(
      assertIdempotent(cloud, options(cloud, "safeOrder", { modes: ["sequential"] })),
    );
    expect(again.message).toMatch(
      /is already 1 before the first delivery\. The key is derived from the test and the hour/,
    );
  });

  it("names the mistake in its options", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 3 });
    await expect(assertIdempotent(cloud, options(cloud, "nope"))).rejects.toThrow(
      /function "nope"\): app "idempotency-fixture" has no such function \(functions: naiveOrder, /,
    );
    await expect(assertIdempotent(cloud, options(cloud, "safeOrder", { attempts: 1 }))).rejects.toThrow(
      /attempts must be a whole number of at least 2/,
    );
    await expect(
      assertIdempotent(cloud, options(cloud, "safeOrder", { cache: { table: "Reservations" } })),
    ).rejects.toThrow(/table "Reservations" declares no ttlAttribute; pass cache.expiryAttribute/);
  });
});

describe("assertIdempotent on an SQS batch handler", () => {
  const batch = (target: Target) => {
    const ids = sequentialIds();
    return (key: string) => sqsEvent([{ body: order(key) }], { ids, nowMs: () => target.nowMs() });
  };

  it("passes the Powertools batch handler; concurrent copies it turned away come back as redeliveries", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 5 });
    const report = await assertIdempotent(cloud, options(cloud, "safeBatch", { event: batch(cloud) }));
    const concurrent = report.modes.find((m) => m.mode === "concurrent");
    expect(concurrent?.attempts.map((a) => a.response.payload)).toEqual([
      { batchItemFailures: [] },
      { batchItemFailures: [] },
      { batchItemFailures: [] },
    ]);
    expect(concurrent?.attempts.some((a) => a.receives > 1)).toBe(true);
  });

  it("fails the naive batch handler when a message comes back after its acknowledgement was lost", async () => {
    await using cloud = await simulate(reservationsApp, { seed: 5 });
    const error = await failure(
      assertIdempotent(
        cloud,
        options(cloud, "naiveBatch", { event: batch(cloud), modes: ["redelivery-after-lost-ack"] }),
      ),
    );
    expect(error.failure).toMatchObject({ attempts: [2], effectsBefore: 1, effectsAfter: 2 });
  });
});

import { describe, expect, it } from "vitest";
import { defineApp } from "../../app/define-app.ts";
import type { SquallConfig } from "../scenario.ts";
import { runScenario } from "./run-scenario.ts";

const app = defineApp({
  name: "liveness",
  root: import.meta.dirname,
  tables: { Items: { partitionKey: { name: "id", type: "S" }, stream: "NEW_IMAGE" } },
  queues: {
    Work: { visibilityTimeoutSeconds: 1, deadLetter: { queue: "WorkDLQ", maxReceiveCount: 2 } },
    WorkDLQ: {},
    Unread: {},
  },
  functions: {
    reject: { handler: "testing/liveness-handlers.ts#reject", events: [{ queue: "Work" }] },
    poisoned: {
      handler: "testing/liveness-handlers.ts#poisoned",
      events: [{ stream: "Items", maximumRetryAttempts: -1, maximumRecordAgeSeconds: -1 }],
    },
  },
});

const config = (
  run: SquallConfig["scenarios"][string]["run"],
  liveness?: SquallConfig["liveness"],
): SquallConfig => ({
  app,
  scenarios: { only: { run } },
  ...(liveness === undefined ? {} : { liveness }),
});

const findings = async (c: SquallConfig) =>
  (await runScenario(c, { app, scenario: "only", variant: undefined, seed: 1 })).violations.map(
    (v) => `${v.invariant}: ${v.message}`,
  );

describe("the liveness phase", () => {
  it("passes a run that drains", async () => {
    expect(await findings(config(async () => {}))).toEqual([]);
  });

  it("names a message left in a queue nobody reads", async () => {
    expect(
      await findings(config(async ({ target }) => void (await target.sendMessage("Unread", "hello")))),
    ).toEqual(["liveness: no message left in a queue: Unread still holds 1 message(s) (1 visible)"]);
  });

  it("accounts for dead-lettered messages, unless the app allows them", async () => {
    const run: SquallConfig["scenarios"][string]["run"] = async ({ target }) =>
      void (await target.sendMessage("Work", "x"));
    expect(await findings(config(run))).toEqual([
      "liveness: every dead-lettered message accounted for: WorkDLQ holds 1 dead-lettered message(s)",
    ]);
    expect(await findings(config(run, { allowDeadLetters: true }))).toEqual([]);
  });

  it("finds a shard blocked forever by a poison record within the drain bound", async () => {
    const found = await findings(
      config(async ({ target }) => target.putItem("Items", { id: "poison" }), { drainBoundMs: 600_000 }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^liveness: drains after faults stop: still busy 600000 ms after faults stopped/,
    );
  });
});

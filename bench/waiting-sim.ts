/**
 * The waiting benchmark end to end on the simulation: a message goes to a queue whose function
 * has a cold start of the drawn length and writes a result; each strategy polls the table for it
 * on virtual time. Every strategy runs in its own simulation of the same seed, so it sees the
 * same readiness time; the handler stamps the write with the (virtual) time it happened.
 */
import { defineApp } from "../src/app/define-app.ts";
import type { App } from "../src/app/model.ts";
import { tableName } from "../src/app/refs.ts";
import { invokeWithColdStartCompensation } from "../src/harness/invoke.ts";
import { simulate } from "../src/targets/sim/simulated-cloud.ts";
import type { TrialOutcome, WaitingStrategy } from "./waiting-strategies.ts";

const appWithColdStart = (coldStartMs: number): App => {
  const coldStart = { minMs: coldStartMs, maxMs: coldStartMs };
  return defineApp({
    name: "waiting",
    root: import.meta.dirname,
    tables: { Results: { partitionKey: { name: "id", type: "S" } } },
    queues: { Jobs: {} },
    functions: {
      fromQueue: {
        handler: "waiting-handlers.ts#fromQueue",
        environment: { TABLE_NAME: tableName("Results") },
        events: [{ queue: "Jobs" }],
        coldStartMs: coldStart,
      },
      direct: { handler: "waiting-handlers.ts#direct", coldStartMs: coldStart },
    },
  });
};

/** One strategy against one cold start, in a fresh simulation seeded with `seed`. */
export async function simulatedTrial(
  strategy: WaitingStrategy,
  coldStartMs: number,
  seed: number,
): Promise<TrialOutcome> {
  await using cloud = await simulate(appWithColdStart(coldStartMs), { seed, recordChoices: false });
  return await cloud.run(async () => {
    const sentAtMs = Date.now();
    const { messageId } = await cloud.sendMessage("Jobs", "work");
    let probes = 0;
    let readyAtMs: number | undefined;
    const probe = async () => {
      probes++;
      const item = await cloud.getItem("Results", { id: messageId });
      if (item === undefined) throw new Error(`no result for ${messageId} yet`);
      readyAtMs = item.readyAtMs as number;
    };
    const seen = await strategy.run(probe, (ms) => cloud.advance(ms));
    if (readyAtMs === undefined) {
      // The strategy gave up: let the run finish to learn when the result did become ready.
      await cloud.settle();
      readyAtMs = (await cloud.getItem("Results", { id: messageId }))?.readyAtMs as number;
    }
    return {
      readyMs: readyAtMs - sentAtMs,
      passedAtMs: seen ? Date.now() - sentAtMs : undefined,
      probes,
    };
  });
}

/**
 * Whether {@link invokeWithColdStartCompensation} reports the cold start the app configured, and
 * finds the payload's correlation id in the logs.
 */
export async function coldInvokeReport(
  coldStartMs: number,
  seed: number,
): Promise<{ cold: boolean; initMatches: boolean; confirmed: boolean }> {
  await using cloud = await simulate(appWithColdStart(coldStartMs), { seed, recordChoices: false });
  const correlationId = `c-${seed}`;
  const result = await invokeWithColdStartCompensation(
    cloud,
    "direct",
    { correlationId },
    { confirmInLogs: correlationId },
  );
  return {
    cold: result.cold,
    initMatches: result.initDurationMs === coldStartMs,
    confirmed: (result.payload as { handled?: string }).handled === correlationId,
  };
}

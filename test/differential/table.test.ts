/**
 * Differential test of the simulated table against AWS's DynamoDB Local: the same generated
 * request sequences go to both, and every outcome (results, error names and messages, stream
 * records) must agree after normalisation. Until the simulated table is wired in sim-driver.ts,
 * DynamoDB Local runs against itself under another access key, which proves the machinery.
 *
 * SQUALL_DIFF_RUNS=<n> runs n cases (default 30), SQUALL_DIFF_SEED=<n> picks the seed,
 * SQUALL_DIFF_CASE=<i> runs only case i of that seed (to reproduce a reported difference).
 * A failure lists every differing case, grouped by kind (operation and the error names or fields
 * that differ), with a count and one example per group.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDifference, type DifferenceGroup, describeGroups } from "./difference-groups.ts";
import type { TableDriverFactory } from "./driver.ts";
import { explainedBy } from "./known-differences.ts";
import { dynamodbLocalDriverFactory } from "./local-driver.ts";
import { type DiffCase, diffCaseArb } from "./model/case.ts";
import { compareRuns, describeDifference, firstDifference, runCase } from "./run-case.ts";
import { simulatedDriverFactory } from "./sim-driver.ts";

const runs = Number(process.env.SQUALL_DIFF_RUNS ?? 30);
const seed = Number(process.env.SQUALL_DIFF_SEED ?? 20_261_128);
const onlyCase =
  process.env.SQUALL_DIFF_CASE === undefined ? undefined : Number(process.env.SQUALL_DIFF_CASE);

// About 0.4 s per case on 2 idle cores; the default test timeout (30 s) only fits the default
// count. SQUALL_DIFF_TIMEOUT_MS=<ms> overrides it on a loaded machine.
const timeoutMs = Number(process.env.SQUALL_DIFF_TIMEOUT_MS ?? Math.max(60_000, runs * 2_000));

// Database names must be unique per run too: a reused DynamoDB Local keeps earlier runs' tables.
const runId = randomUUID().replaceAll("-", "").slice(0, 10);

function generateCases(): DiffCase[] {
  return fc.sample(diffCaseArb(), { seed, numRuns: runs });
}

const simulated = simulatedDriverFactory();
const right: { name: string; factory: TableDriverFactory } =
  simulated === undefined
    ? {
        name: "DynamoDB Local (self-check, second access key)",
        factory: dynamodbLocalDriverFactory(`r${runId}`),
      }
    : { name: "simulated table", factory: simulated };

/** Agreement over all generated cases, and every unexplained difference grouped by kind. */
interface Agreement {
  run: number;
  equal: number;
  tolerated: Map<string, number>;
  differences: Map<string, DifferenceGroup>;
}

async function runAllCases(): Promise<Agreement> {
  const left = dynamodbLocalDriverFactory(`l${runId}`);
  const agreement: Agreement = { run: 0, equal: 0, tolerated: new Map(), differences: new Map() };
  for (const [index, diffCase] of generateCases().entries()) {
    if (onlyCase !== undefined && index !== onlyCase) continue;
    const databaseId = `c${String(index)}`;
    const [a, b] = await Promise.all([
      runCase(left(databaseId), diffCase),
      runCase(right.factory(databaseId), diffCase),
    ]);
    agreement.run += 1;
    const { difference, tolerated } = compareRuns(diffCase, a, b, explainedBy);
    for (const id of tolerated) agreement.tolerated.set(id, (agreement.tolerated.get(id) ?? 0) + 1);
    if (difference === undefined) {
      agreement.equal += 1;
      continue;
    }
    const reproduce = `SQUALL_DIFF_SEED=${String(seed)} SQUALL_DIFF_CASE=${String(index)}`;
    const report = `case ${String(index)} (${reproduce}): ${describeDifference(diffCase, difference, "DynamoDB Local", right.name)}`;
    addDifference(agreement.differences, index, difference, report);
  }
  return agreement;
}

describe("differential: table operations", () => {
  test(
    `DynamoDB Local and ${right.name} agree`,
    async () => {
      const { run, equal, tolerated, differences } = await runAllCases();
      const known = [...tolerated].map(([id, count]) => `${id} x${String(count)}`).join(", ");
      console.log(
        `differential (${right.name}): ${String(run)} cases run, ${String(equal)} equal [seed ${String(seed)}]` +
          (known === "" ? "" : `; known DynamoDB Local deviations tolerated: ${known}`),
      );
      const groups = [...differences.values()];
      const differing = groups.reduce((sum, group) => sum + group.cases.length, 0);
      if (groups.length > 0)
        console.log(
          `${String(differing)} differing case(s) in ${String(groups.length)} group(s):\n\n${describeGroups(groups)}`,
        );
      expect(differing, "unexplained differences (grouped above)").toBe(0);
      expect(run).toBeGreaterThan(0);
    },
    timeoutMs,
  );

  test("the comparer catches a changed outcome, a changed error and a changed stream record", async () => {
    // Without this, a comparer that always said "equal" would pass the test above.
    const [diffCase] = fc.sample(diffCaseArb({ maxSteps: 6, mistakeOneIn: 1_000 }), { seed: 7, numRuns: 1 });
    if (diffCase === undefined) throw new Error("no case generated");
    const driver = dynamodbLocalDriverFactory(`t${runId}`)("c0");
    const run = await runCase(driver, diffCase);
    expect(firstDifference(diffCase, run, run)).toBeUndefined();

    const outcomes = [...run.outcomes];
    outcomes[1] = { ok: false, errorName: "ValidationException", message: "changed" };
    expect(firstDifference(diffCase, run, { ...run, outcomes })?.at).toBe(1);

    const streams = { ok: true as const, output: { Records: [] } };
    const expectStreamDifference = run.streams.ok && (run.streams.output.Records as unknown[]).length > 0;
    expect(firstDifference(diffCase, run, { ...run, streams })?.at).toBe(
      expectStreamDifference ? "streams" : undefined,
    );
  });
});

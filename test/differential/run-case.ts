/**
 * Runs one generated case against one driver and compares two runs step by step.
 */
import type { Outcome, TableDriver } from "./driver.ts";
import type { DiffCase, Step } from "./model/case.ts";
import { TABLE_NAME, type TableSchema } from "./model/schema.ts";
import { canonicalJson, normaliseOutcome, normaliseStreamRecords } from "./normalise.ts";
import { captureStreamRecords } from "./streams.ts";

/** What one driver answered to a case: one outcome per step, then the table's stream records. */
export interface CaseRun {
  readonly outcomes: readonly Outcome[];
  readonly streams: Outcome;
}

/**
 * Sends every step in order, reads the stream, then deletes the table (not compared: cleanup).
 * Inputs are cloned per driver so that no implementation can see another's mutations.
 *
 * @example
 * const run = await runCase(driver, diffCase);
 */
export async function runCase(driver: TableDriver, diffCase: DiffCase): Promise<CaseRun> {
  const outcomes: Outcome[] = [];
  for (const step of diffCase.steps)
    outcomes.push(
      step.followPages === true
        ? await allPages(driver, step)
        : await driver.send(step.operation, structuredClone(step.input)),
    );
  const streams = await captureStreamRecords(driver, TABLE_NAME);
  await driver.send("DeleteTable", { TableName: TABLE_NAME });
  return { outcomes, streams };
}

/** Most pages one followPages step reads (the generated tables hold a few dozen items at most). */
const MAX_PAGES = 40;

/**
 * Sends a Query or Scan again with each LastEvaluatedKey until a page has none: the outcome is
 * `{ Pages: [...] }`, or the first error.
 */
async function allPages(driver: TableDriver, step: Step): Promise<Outcome> {
  const pages: Record<string, unknown>[] = [];
  let input = structuredClone(step.input);
  for (let page = 0; page < MAX_PAGES; page++) {
    const outcome = await driver.send(step.operation, input);
    if (!outcome.ok)
      return pages.length === 0 ? outcome : { ok: true, output: { Pages: pages, error: outcome } };
    pages.push(outcome.output);
    const last = outcome.output.LastEvaluatedKey;
    if (last === undefined) break;
    input = { ...structuredClone(step.input), ExclusiveStartKey: last };
  }
  return { ok: true, output: { Pages: pages } };
}

/** Where two runs of a case first disagree. */
export interface Difference {
  /** The 0-based step, or "streams" when only the stream records differ. */
  readonly at: number | "streams";
  readonly step: Step | undefined;
  readonly left: unknown;
  readonly right: unknown;
}

/** The result of comparing two runs of a case. */
export interface Comparison {
  /** The first difference not explained by a known DynamoDB Local deviation, if any. */
  readonly difference: Difference | undefined;
  /** Ids of the known deviations that explained differences before it (or in the whole case). */
  readonly tolerated: readonly string[];
}

/** Names the known deviation behind a difference at a step (undefined: the stream records), if any. */
export type Tolerance = (
  step: Step | undefined,
  left: unknown,
  right: unknown,
  schema: TableSchema,
) => { readonly id: string; readonly diverges?: boolean } | undefined;

/**
 * Compares two runs step by step, then their stream records. A step (or the stream records) whose
 * outcomes differ in a way `tolerate` explains is counted in `tolerated` and the comparison goes on
 * (or, for a deviation that leaves the tables in different states, ends there).
 *
 * @example
 * const { difference, tolerated } = compareRuns(diffCase, localRun, simRun, explainedBy);
 */
export function compareRuns(
  diffCase: DiffCase,
  left: CaseRun,
  right: CaseRun,
  tolerate?: Tolerance,
): Comparison {
  const tolerated: string[] = [];
  for (const [at, step] of diffCase.steps.entries()) {
    const [a, b] = [left.outcomes[at], right.outcomes[at]];
    const normalisedLeft = a === undefined ? undefined : normaliseOutcome(step, a, diffCase.schema);
    const normalisedRight = b === undefined ? undefined : normaliseOutcome(step, b, diffCase.schema);
    if (canonicalJson(normalisedLeft) === canonicalJson(normalisedRight)) continue;
    const known = tolerate?.(step, normalisedLeft, normalisedRight, diffCase.schema);
    if (known !== undefined) {
      tolerated.push(known.id);
      // The tables now differ (one side wrote, the other refused): nothing later is comparable.
      if (known.diverges === true) return { difference: undefined, tolerated };
      continue;
    }
    return { difference: { at, step, left: normalisedLeft, right: normalisedRight }, tolerated };
  }
  const [streamsLeft, streamsRight] = [
    normaliseStreamRecords(left.streams),
    normaliseStreamRecords(right.streams),
  ];
  if (canonicalJson(streamsLeft) !== canonicalJson(streamsRight)) {
    const known = tolerate?.(undefined, streamsLeft, streamsRight, diffCase.schema);
    if (known !== undefined) return { difference: undefined, tolerated: [...tolerated, known.id] };
    return {
      difference: { at: "streams", step: undefined, left: streamsLeft, right: streamsRight },
      tolerated,
    };
  }
  return { difference: undefined, tolerated };
}

/**
 * The first difference between two runs, tolerating nothing.
 *
 * @example
 * expect(firstDifference(diffCase, run, run)).toBeUndefined();
 */
export function firstDifference(diffCase: DiffCase, left: CaseRun, right: CaseRun): Difference | undefined {
  return compareRuns(diffCase, left, right).difference;
}

/**
 * A readable report of a difference: the case's requests up to the step, then both outcomes.
 *
 * @example
 * console.log(describeDifference(diffCase, difference, "DynamoDB Local", "sim"));
 */
export function describeDifference(
  diffCase: DiffCase,
  difference: Difference,
  leftName: string,
  rightName: string,
): string {
  const last = difference.at === "streams" ? diffCase.steps.length - 1 : difference.at;
  const steps = diffCase.steps
    .slice(0, last + 1)
    .map((step, i) => `  ${String(i)}. ${step.operation} ${canonicalJson(step.input)}`)
    .join("\n");
  return [
    `first difference at ${difference.at === "streams" ? "stream records" : `step ${String(difference.at)}`}`,
    `requests:\n${steps}`,
    `${leftName}: ${JSON.stringify(difference.left, null, 1)}`,
    `${rightName}: ${JSON.stringify(difference.right, null, 1)}`,
  ].join("\n");
}

// How big a shrunk story is: its events and its faults (for bench/planted.ts).
import type { PlantedBug } from "../examples/planted/index.ts";
import type { Span } from "../src/core/trace.ts";
import { decodeChoices } from "../src/explore/choices-code.ts";
import type { ExploreFailure } from "../src/explore/explore.ts";
import { runSchedule } from "../src/explore/run-once.ts";
import { selectorFor } from "../src/explore/strategy.ts";

// What a scenario does to the system (reads, such as the invariants' scans, are not events).
const EVENT_CALLS = new Set([
  "SQS.SendMessage",
  "SQS.SendMessageBatch",
  "SNS.Publish",
  "SNS.PublishBatch",
  "Lambda.Invoke",
  "DynamoDB.PutItem",
  "DynamoDB.UpdateItem",
  "DynamoDB.DeleteItem",
  "DynamoDB.BatchWriteItem",
  "DynamoDB.TransactWriteItems",
]);

/**
 * The events of a shrunk story: the sends, publishes and writes the scenario itself made (a batch
 * counts its messages).
 *
 * @example eventsOf(failure.shrunk.spans) // 3
 */
export function eventsOf(spans: readonly Span[]): number {
  return spans
    .filter((s) => s.kind === "sdk-call" && s.parentId === undefined && EVENT_CALLS.has(s.name))
    .reduce((n, s) => n + (typeof s.attributes.messages === "number" ? s.attributes.messages : 1), 0);
}

/**
 * The faults of a shrunk story: `fault.*` spans, duplicate deliveries, and reorder delays left
 * above 0 (the SQS knobs record no spans, so a replay's draws tell). NaN when it was not shrunk.
 *
 * @example await faultsOf(bug, failure) // 1
 */
export async function faultsOf(bug: PlantedBug, failure: ExploreFailure): Promise<number> {
  const shrunk = failure.shrunk;
  if (shrunk === undefined) return Number.NaN;
  const replay = await runSchedule({
    config: bug.config,
    app: (bug.config.app as (variant: string) => never)("buggy"),
    scenario: bug.scenario,
    variant: "buggy",
    seed: failure.seed,
    faults: bug.faults,
    ...selectorFor(bug.strategy ?? "random"),
    replay: decodeChoices(shrunk.choices),
  });
  const reorders = replay.labels.filter(
    (label, i) => label.endsWith(".reorderDelayMs") && (replay.values[i] ?? 0) > 0,
  ).length;
  return shrunk.faults.length + shrunk.result.stats.duplicates + reorders;
}

// The planted-bug benchmark (issue 5 §5): small apps, each with a classic serverless bug and its
// fixed twin, and what fault search needs to find it. `planted.test.ts` checks each quickly;
// `bench/planted.ts` measures how fast and how small the search finds them.
import type { FaultPlan } from "../../src/faults/plan.ts";
import type { SquallConfig } from "../../src/public/index.ts";
import ackBeforeCommit from "./ack-before-commit/app.ts";
import duplicateDelivery from "./duplicate-delivery/app.ts";
import messageIdKey from "./message-id-key/app.ts";
import oversell from "./oversell/app.ts";
import parallelClose from "./parallel-close/app.ts";
import poisonShard from "./poison-shard/app.ts";
import retryStorm from "./retry-storm/app.ts";
import staleOverwrite from "./stale-overwrite/app.ts";
import streamLostUpdate from "./stream-lost-update/app.ts";
import throttledRetry from "./throttled-retry/app.ts";
import ttlVsVisibility from "./ttl-vs-visibility/app.ts";
import wrongBatchId from "./wrong-batch-id/app.ts";

/**
 * A second way to expose a bug: a fault plan that injects the fault the bug is about (a throttled
 * write) instead of relying on the app's own behaviour (a provisioned table running dry). The name
 * is historical: these plans waited for their knob to be applied, and now run.
 */
export interface PendingPlan {
  readonly faults: FaultPlan;
  /** The plan's knob (`faults.<service>.<knob>`), for reports. */
  readonly path: string;
}

/** One planted bug: its app (variants `buggy` and `fixed`), where to search, what must break. */
export interface PlantedBug {
  readonly name: string;
  readonly bug: string;
  readonly config: SquallConfig;
  /** The scenario to search: the first of the config's `explore.scenarios`. */
  readonly scenario: string;
  /** The plan the search runs with (the config's `explore.faults`); `{}` when the app's own behaviour exposes the bug. */
  readonly faults: FaultPlan;
  /** The invariant the buggy variant breaks (first, when it breaks several). */
  readonly invariant: string;
  /** A plan of injected faults that exposes the same bug (see {@link PendingPlan}). */
  readonly pending?: PendingPlan;
  /**
   * How the search orders simultaneous calls (`explore`'s `strategy`): `pct` for a bug that needs
   * one ordering a random tie-break rarely makes (searched with PCT's defaults, depth 2).
   * Default `random`.
   */
  readonly strategy?: "random" | "pct";
}

/**
 * Every planted bug, in the order the issue lists them, then the one that needs PCT.
 *
 * @example for (const bug of PLANTED) await explore(bug.config, { scenario: bug.scenario, variant: "buggy", faults: bug.faults, runs: 20 });
 */
export const PLANTED: readonly PlantedBug[] = (
  [
    {
      name: "oversell",
      bug: "check-then-act oversell",
      config: oversell,
      invariant: "seats booked never above capacity",
    },
    {
      name: "duplicate-delivery",
      bug: "non-idempotent consumer under duplicate delivery",
      config: duplicateDelivery,
      invariant: "every wallet's balance equals its deposits",
    },
    {
      name: "ack-before-commit",
      bug: "acknowledge before commit (a provisioned table throttles the save)",
      config: ackBeforeCommit,
      invariant: "every accepted order saved",
      pending: {
        faults: { dynamodb: { tables: { Orders: { operations: { PutItem: 0.5 } } } } },
        path: "faults.dynamodb.tables",
      },
    },
    {
      name: "message-id-key",
      bug: "idempotency key from the message id instead of the business key",
      config: messageIdKey,
      invariant: "every account's points equal its purchases",
    },
    {
      name: "stream-lost-update",
      bug: "lost update from concurrent stream processing",
      config: streamLostUpdate,
      invariant: "every customer's total equals their orders",
    },
    {
      name: "stale-overwrite",
      bug: "an older event overwrites newer state (no sequence check)",
      config: staleOverwrite,
      invariant: "a shipment's status never goes back",
    },
    {
      name: "retry-storm",
      bug: "a retry storm under throttling (a provisioned table)",
      config: retryStorm,
      invariant: "at most 4 write requests per reading stored",
    },
    {
      name: "wrong-batch-id",
      bug: "a wrong id in a partial batch response",
      config: wrongBatchId,
      invariant: "every invoice posted or parked",
    },
    {
      name: "poison-shard",
      bug: "a poison record blocks a stream shard (liveness)",
      config: poisonShard,
      invariant: "every valid order projected within 5 minutes",
    },
    {
      name: "ttl-vs-visibility",
      bug: "an idempotency record expires before the redelivery arrives",
      config: ttlVsVisibility,
      invariant: "every payment charged at most once",
    },
    {
      name: "throttled-retry",
      bug: "the seed's story: a throttled write makes Lambda retry, reserving twice",
      config: throttledRetry,
      invariant: "exactly one reservation per order",
      pending: {
        // The fixed twin decrements in a transaction: throttled too, so the twin is tested under the plan.
        faults: {
          dynamodb: { tables: { Inventory: { operations: { UpdateItem: 0.5, TransactWriteItems: 0.5 } } } },
        },
        path: "faults.dynamodb.tables",
      },
    },
    {
      name: "parallel-close",
      bug: "a stream batch applied in parallel: a close counts before the RSVPs land (found by PCT)",
      config: parallelClose,
      invariant: "a meetup with RSVPs is never cancelled",
      strategy: "pct",
    },
  ] satisfies Omit<PlantedBug, "scenario" | "faults">[]
).map(withSearch);

/** The scenario and plan `squall explore` uses for the app: the bench searches the same way. */
function withSearch(bug: Omit<PlantedBug, "scenario" | "faults">): PlantedBug {
  const { scenarios, faults } = bug.config.explore ?? {};
  const scenario = scenarios?.[0];
  if (scenario === undefined || faults === undefined || typeof faults === "string")
    throw new Error(`planted bug ${bug.name}: its config needs explore.scenarios and an explore.faults plan`);
  return { ...bug, scenario, faults };
}

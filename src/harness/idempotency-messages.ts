import type { InvokeResult } from "../targets/target.ts";
import { IdempotencyAssertionError } from "./idempotency-assertion-error.ts";
import type { DeliveryState } from "./idempotency-delivery.ts";
import { sideBySide } from "./idempotency-side-by-side.ts";
import type { IdempotencyMode } from "./idempotency-types.ts";
import type { TestIdentity } from "./test-identity.ts";

/** Where a failure happened: which function, mode, key, test and hour. */
export interface FailureSite {
  readonly fn: string;
  readonly mode: IdempotencyMode;
  readonly key: string;
  readonly testId: TestIdentity;
  readonly hour: string;
  readonly attempts: number;
}

const head = (site: FailureSite) => `assertIdempotent: function "${site.fn}", mode ${site.mode}`;
const keyLine = (site: FailureSite) =>
  `  key ${site.key} (derived from test "${site.testId.name}" in ${site.testId.file}, mode ${site.mode}, hour ${site.hour})`;

/** "attempt 2 of 3 (a duplicate delivered after attempt 1 completed)", per mode. */
function attemptTitle(site: FailureSite, d: DeliveryState): string {
  const received = d.receives > 1 ? `, received ${d.receives} times after rejections` : "";
  if (d.attempt === 1) return `attempt 1 of ${site.attempts}${received}`;
  const why =
    site.mode === "sequential"
      ? `a duplicate delivered after attempt ${d.attempt - 1} completed`
      : site.mode === "concurrent"
        ? "delivered at the same moment as the others"
        : `redelivered after the visibility timeout as if attempt ${d.attempt - 1}'s acknowledgement was lost`;
  return `attempt ${d.attempt} of ${site.attempts} (${why}${received})`;
}

const response = (d: DeliveryState) => d.response as InvokeResult;

function columns(first: DeliveryState, offending: DeliveryState): string {
  return sideBySide(
    `attempt ${first.attempt} (first response)`,
    response(first),
    `attempt ${offending.attempt}`,
    response(offending),
  );
}

/** The effect count went above 1 after a round of deliveries. */
export function secondEffect(
  site: FailureSite,
  round: readonly DeliveryState[],
  first: DeliveryState,
  before: number,
  after: number,
): IdempotencyAssertionError {
  const attempts = round.map((d) => d.attempt);
  const what =
    round.length === 1
      ? `${attemptTitle(site, round[0] as DeliveryState)} made a second side effect: effects went from ${before} to ${after}`
      : `attempts ${attempts.join(", ")}, delivered at the same moment, left ${after} side effects; expected 1`;
  const offending = round.find((d) => d !== first) ?? first;
  return new IdempotencyAssertionError(
    `${head(site)}: ${what}.\n${keyLine(site)}\n${columns(first, offending)}`,
    {
      violation: "second-effect",
      function: site.fn,
      mode: site.mode,
      key: site.key,
      attempts,
      effectsBefore: before,
      effectsAfter: after,
      first: response(first),
      offending: response(offending),
    },
  );
}

/** The first delivery left nothing the probe counts: the assertion would pass vacuously. */
export function noEffect(site: FailureSite, first: DeliveryState): IdempotencyAssertionError {
  return new IdempotencyAssertionError(
    `${head(site)}: attempt 1 left no side effect (effects("${site.key}") returned 0). Either the function did nothing with the event, or the effects probe does not count what it writes (does it look up the same key the event carries?). Without a first effect, a duplicate cannot be caught.\n${keyLine(site)}\n  attempt 1 answered: ${JSON.stringify(response(first).payload)}`,
    {
      violation: "no-effect",
      function: site.fn,
      mode: site.mode,
      key: site.key,
      attempts: [1],
      first: response(first),
    },
  );
}

/** Effects for the key existed before the first delivery. */
export function keyInUse(site: FailureSite, count: number): IdempotencyAssertionError {
  return new IdempotencyAssertionError(
    `${head(site)}: effects("${site.key}") is already ${count} before the first delivery. The key is derived from the test and the hour, so a target that keeps data between runs still holds an earlier run's effects: use a fresh stack (or table) per run, or run again next hour.\n${keyLine(site)}`,
    { violation: "key-in-use", function: site.fn, mode: site.mode, key: site.key, effectsBefore: count },
  );
}

/** A later attempt answered differently from the first. */
export function differentResponse(
  site: FailureSite,
  first: DeliveryState,
  offending: DeliveryState,
): IdempotencyAssertionError {
  return new IdempotencyAssertionError(
    `${head(site)}: ${attemptTitle(site, offending)} answered differently from attempt 1. A retried request must get the first result back (as a cached record in a DynamoDB TTL table, the way Powertools keeps it), not a new one; pass normalize to ignore a field that may legitimately differ.\n${keyLine(site)}\n${columns(first, offending)}`,
    {
      violation: "different-response",
      function: site.fn,
      mode: site.mode,
      key: site.key,
      attempts: [offending.attempt],
      first: response(first),
      offending: response(offending),
    },
  );
}

/** An attempt was rejected on every receive: SQS would move it to a dead-letter queue. */
export function neverAccepted(
  site: FailureSite,
  d: DeliveryState,
  first: DeliveryState,
): IdempotencyAssertionError {
  const comparison =
    d === first ? `  last response: ${JSON.stringify(response(d).payload)}` : columns(first, d);
  return new IdempotencyAssertionError(
    `${head(site)}: ${attemptTitle(site, d)} was rejected on all ${d.receives} receives (a function error, or its message in batchItemFailures), so the queue would retry it until it lands in a dead-letter queue. A duplicate must succeed with the first response.\n${keyLine(site)}\n${comparison}`,
    {
      violation: "never-accepted",
      function: site.fn,
      mode: site.mode,
      key: site.key,
      attempts: [d.attempt],
      first: response(first),
      offending: response(d),
    },
  );
}

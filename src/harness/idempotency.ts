import { SquallError } from "../core/errors.ts";
import type { Target } from "../targets/target.ts";
import { cacheKeys, checkCacheRecords, resolveCache } from "./idempotency-cache.ts";
import { type ResolvedIdempotencyOptions, runMode } from "./idempotency-modes.ts";
import type {
  AssertIdempotentOptions,
  IdempotencyMode,
  IdempotencyModeReport,
  IdempotencyReport,
} from "./idempotency-types.ts";
import { hourBucket, testKey } from "./test-identity.ts";

const ALL_MODES: readonly IdempotencyMode[] = ["sequential", "concurrent", "redelivery-after-lost-ack"];
const SQS_DEFAULT_VISIBILITY_SECONDS = 30;

/**
 * Asserts that delivering the same event again is harmless — the seed's `assert_idempotency`,
 * done thoroughly. For each mode (sequential duplicates, concurrent duplicates, a redelivery after
 * a lost acknowledgement) it derives a key from the test, the mode and the hour (never a random
 * uuid), builds the event for it and delivers it `attempts` times; a delivery that is rejected
 * (an error, or its message in `batchItemFailures`) comes back after the visibility timeout, as
 * SQS would send it. After every round it checks that `effects(key)` is exactly 1, then that
 * every attempt answered the same payload as the first, and, with `cache`, that the results were
 * cached with a future expiry. Throws {@link IdempotencyAssertionError} naming the mode and the
 * attempt, with the first and offending responses side by side; resolves with what it checked.
 *
 * @example
 * await assertIdempotent(target, {
 *   function: "reserveStock",
 *   testId: { file: "test/orders.test.ts", name: "reserves each order once" },
 *   event: (key) => sqsEvent([{ messageId: key, body: { orderId: key, sku: "A", qty: 1 } }]),
 *   effects: async (key) => (await target.scan("Reservations")).filter((r) => r.orderId === key).length,
 *   cache: { table: "Idempotency" },
 * });
 */
export async function assertIdempotent(
  target: Target,
  options: AssertIdempotentOptions,
): Promise<IdempotencyReport> {
  const resolved = resolve(target, options);
  const modes = options.modes ?? ALL_MODES;
  const cache = options.cache === undefined ? undefined : resolveCache(target, options.cache);
  const before = cache === undefined ? undefined : await cacheKeys(target, cache);
  // One clock reading for every key, so a run that crosses the hour keeps its keys.
  const startMs = target.nowMs();
  const hour = hourBucket(startMs);
  const keyFor = (scope: string) =>
    testKey(options.testId, { nowMs: startMs, scope: `assertIdempotent/${options.function}/${scope}` });
  const reports: IdempotencyModeReport[] = [];
  for (const mode of modes) {
    const site = {
      fn: options.function,
      mode,
      key: keyFor(mode),
      testId: options.testId,
      hour,
      attempts: resolved.attempts,
    };
    reports.push(await runMode({ target, options: resolved, site, warmUpKey: keyFor(`${mode}/warm-up`) }));
  }
  const cacheRecords =
    cache === undefined
      ? []
      : await checkCacheRecords(target, options.function, cache, before as Set<string>);
  return { function: options.function, hour, modes: reports, cacheRecords };
}

function resolve(target: Target, options: AssertIdempotentOptions): ResolvedIdempotencyOptions {
  const fn = target.app.functions[options.function];
  const problem = (text: string) =>
    new SquallError(`assertIdempotent(function "${options.function}"): ${text}`);
  if (fn === undefined)
    throw problem(
      `app "${target.app.name}" has no such function (functions: ${Object.keys(target.app.functions).join(", ") || "none"})`,
    );
  const attempts = options.attempts ?? 3;
  if (!Number.isSafeInteger(attempts) || attempts < 2)
    throw problem(
      `attempts must be a whole number of at least 2 (the first delivery and a repeat), got ${attempts}`,
    );
  const maxReceives = options.maxReceives ?? 5;
  if (!Number.isSafeInteger(maxReceives) || maxReceives < 1)
    throw problem(`maxReceives must be a whole number of at least 1, got ${maxReceives}`);
  const unknown = (options.modes ?? []).filter((m) => !ALL_MODES.includes(m));
  if (options.modes?.length === 0 || unknown.length > 0)
    throw problem(
      `modes must name at least one of ${ALL_MODES.join(", ")}${unknown.length > 0 ? `; unknown: ${unknown.join(", ")}` : ""}`,
    );
  // The queue feeding the function decides when an unacknowledged message comes back.
  const source = fn.events?.find((e) => "queue" in e);
  const queue = source !== undefined && "queue" in source ? target.app.queues[source.queue] : undefined;
  const visibilityMs = (queue?.visibilityTimeoutSeconds ?? SQS_DEFAULT_VISIBILITY_SECONDS) * 1000;
  const redeliveryDelayMs = options.redeliveryDelayMs ?? visibilityMs;
  if (!(redeliveryDelayMs >= 0))
    throw problem(`redeliveryDelayMs must not be negative, got ${redeliveryDelayMs}`);
  return { ...options, attempts, maxReceives, redeliveryDelayMs, warmUp: options.warmUp ?? true };
}

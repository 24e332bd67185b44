import { SquallError } from "../core/errors.ts";
import type { DocumentItem, Target } from "../targets/target.ts";
import { IdempotencyAssertionError } from "./idempotency-assertion-error.ts";
import type { IdempotencyCacheCheck } from "./idempotency-types.ts";

// Epoch seconds stay below this until the year 5138; epoch milliseconds are far above it.
const LARGEST_PLAUSIBLE_SECONDS = 1e11;

/** The cache table's key names and expiry attribute, checked against the app. */
export interface ResolvedCache {
  readonly table: string;
  readonly keyNames: readonly string[];
  readonly expiryAttribute: string;
}

/** Resolves the cache check against the app: the table must exist and have an expiry attribute. */
export function resolveCache(target: Target, cache: IdempotencyCacheCheck): ResolvedCache {
  const table = target.app.tables[cache.table];
  if (table === undefined)
    throw new SquallError(
      `assertIdempotent: cache.table "${cache.table}" is not a table of app "${target.app.name}" (tables: ${Object.keys(target.app.tables).join(", ") || "none"}). Name the table the handler caches its results in.`,
    );
  const expiryAttribute = cache.expiryAttribute ?? table.ttlAttribute;
  if (expiryAttribute === undefined)
    throw new SquallError(
      `assertIdempotent: table "${cache.table}" declares no ttlAttribute; pass cache.expiryAttribute (the Number attribute with the expiry in epoch seconds, "expiration" for Powertools).`,
    );
  const keyNames = [table.partitionKey.name, ...(table.sortKey === undefined ? [] : [table.sortKey.name])];
  return { table: cache.table, keyNames, expiryAttribute };
}

const keyOf = (cache: ResolvedCache, item: DocumentItem) =>
  JSON.stringify(cache.keyNames.map((name) => item[name]));

/** The keys of the records already in the cache table, so that new ones can be told apart. */
export async function cacheKeys(target: Target, cache: ResolvedCache): Promise<Set<string>> {
  return new Set((await target.scan(cache.table)).map((item) => keyOf(cache, item)));
}

function fail(fn: string, text: string): IdempotencyAssertionError {
  return new IdempotencyAssertionError(`assertIdempotent: function "${fn}": ${text}`, {
    violation: "cache",
    function: fn,
  });
}

/**
 * Checks the records written to the cache table since `before`: at least one, and each with a
 * future expiry in epoch seconds, which is what DynamoDB's TTL needs to delete it.
 */
export async function checkCacheRecords(
  target: Target,
  fn: string,
  cache: ResolvedCache,
  before: ReadonlySet<string>,
): Promise<DocumentItem[]> {
  const created = (await target.scan(cache.table)).filter((item) => !before.has(keyOf(cache, item)));
  if (created.length === 0)
    throw fail(
      fn,
      `no record was written to the cache table "${cache.table}" during the attempts, so a retry cannot get the first result back from it. Is the handler caching its results in that table?`,
    );
  const nowSeconds = target.nowMs() / 1000;
  for (const item of created) {
    const key = JSON.stringify(Object.fromEntries(cache.keyNames.map((name) => [name, item[name]])));
    const expiry = item[cache.expiryAttribute];
    const where = `cache record ${key} in table "${cache.table}"`;
    if (typeof expiry !== "number")
      throw fail(
        fn,
        `${where} has no Number attribute "${cache.expiryAttribute}" (found ${JSON.stringify(expiry)}). DynamoDB's TTL only deletes items whose TTL attribute is a Number of epoch seconds, so this record would stay forever.`,
      );
    if (expiry > LARGEST_PLAUSIBLE_SECONDS)
      throw fail(
        fn,
        `${where} expires at ${expiry}, which looks like epoch milliseconds. DynamoDB's TTL reads epoch seconds, so it would keep the record for thousands of years: divide by 1000.`,
      );
    if (expiry <= nowSeconds)
      throw fail(
        fn,
        `${where} expires at ${expiry} (${new Date(expiry * 1000).toISOString()}), not after now (${new Date(target.nowMs()).toISOString()}): a retry a moment later would not find the cached result.`,
      );
  }
  return created;
}

import { createHash } from "node:crypto";
import { SquallError } from "../core/errors.ts";

/**
 * Which test is running: its file (relative to the project, so the same on every machine) and
 * its full name (`suite > test`). The Vitest layer fills it in from the running test.
 */
export interface TestIdentity {
  readonly file: string;
  readonly name: string;
}

/** Options of {@link testKey}. */
export interface TestKeyOptions {
  /** The target's clock (`target.nowMs()`): the key changes when the hour does. */
  readonly nowMs: number;
  /** Separates keys of one test: a mode, a trial. Default "". */
  readonly scope?: string;
}

/** Length of the time bucket that keys are derived from. */
export const KEY_BUCKET_MS = 3_600_000;

/**
 * The hour `nowMs` falls in, as an ISO timestamp (`2025-01-01T10:00:00.000Z`): the time part of
 * a test key, also shown in failure messages so a key can be traced back to its test.
 *
 * @example
 * hourBucket(Date.UTC(2025, 0, 1, 10, 42)); // "2025-01-01T10:00:00.000Z"
 */
export function hourBucket(nowMs: number): string {
  if (!Number.isFinite(nowMs))
    throw new SquallError(`testKey: nowMs must be a finite number of ms since the epoch, got ${nowMs}`);
  return new Date(Math.floor(nowMs / KEY_BUCKET_MS) * KEY_BUCKET_MS).toISOString();
}

/**
 * A deterministic idempotency key for a test: a hash of the test's file, its name, a scope and
 * the hour, shaped as a uuid (version 8, RFC 9562's custom layout) so it fits wherever a message
 * id or request id would. The same test gets the same key on every run within the hour — never
 * a fresh random uuid, which would make every delivery look new and hide the duplicate it is
 * meant to catch — while the hour part keeps a rerun tomorrow from colliding with today's
 * leftovers on a persistent target.
 *
 * @example
 * const key = testKey({ file: "test/orders.test.ts", name: "orders > reserves once" }, { nowMs: target.nowMs(), scope: "sequential" });
 * // "5c0d…-…-8…-…" — the same on every run in this hour
 */
export function testKey(identity: TestIdentity, options: TestKeyOptions): string {
  if (identity.file === "" || identity.name === "")
    throw new SquallError(
      "testKey: the test identity needs a file and a name (Squall's Vitest matchers pass them); outside Vitest pass { file: 'my.test.ts', name: 'what it checks' }",
    );
  const parts = [identity.file, identity.name, options.scope ?? "", hourBucket(options.nowMs)];
  // NUL cannot occur in a file path, so no two identities hash the same text.
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A 32-bit seed from a test's identity (FNV-1a): what samples delivery orders when the caller
 * gives no seed, so a test samples the same orders on every run.
 *
 * @example
 * new Sfc32(seedFromIdentity({ file: "a.test.ts", name: "orders" }));
 */
export function seedFromIdentity(identity: TestIdentity): number {
  let hash = 0x811c9dc5;
  const text = `${identity.file}::${identity.name}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

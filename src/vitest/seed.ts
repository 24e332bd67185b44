/**
 * The seed of a test: `SQUALL_SEED` when set, else a hash of the test's file and full name — stable
 * run to run and machine to machine, different from test to test.
 *
 * @example seedForTest("test/orders.test.ts", "orders > reserves once") // 2784… (always the same)
 */
export function seedForTest(file: string, fullName: string, env: NodeJS.ProcessEnv = process.env): number {
  const fixed = env.SQUALL_SEED;
  if (fixed !== undefined && fixed !== "") {
    const seed = Number(fixed);
    if (!Number.isSafeInteger(seed)) throw new Error(`SQUALL_SEED must be a whole number, got "${fixed}"`);
    return seed;
  }
  // FNV-1a over the identity: no randomness, so the same test always gets the same seed.
  let hash = 0x811c9dc5;
  const identity = `${file}::${fullName}`;
  for (let i = 0; i < identity.length; i++) {
    hash ^= identity.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

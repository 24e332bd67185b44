import { createRequire } from "node:module";
import path from "node:path";

// Loaded once per process and working directory: resolving a specifier that is not installed
// throws after a walk of the file system, and every simulation asks again.
const loaded = new Map<string, readonly unknown[]>();

/**
 * The distinct modules that `specifiers` resolve to from Squall's own location and from the
 * working directory (the user's project may carry its own copy of the SDK); a specifier not
 * installed at a location is skipped.
 *
 * @example const [config] = sdkModules(["@smithy/core/config", "@smithy/shared-ini-file-loader"]);
 */
export function sdkModules(specifiers: readonly string[]): readonly unknown[] {
  const key = `${process.cwd()}\0${specifiers.join("\0")}`;
  let modules = loaded.get(key);
  if (modules === undefined) {
    const found = new Set<unknown>();
    for (const req of [createRequire(import.meta.url), createRequire(path.join(process.cwd(), "index.js"))]) {
      for (const specifier of specifiers) {
        try {
          found.add(req(specifier));
        } catch {
          // Not installed at that location.
        }
      }
    }
    modules = [...found];
    loaded.set(key, modules);
  }
  return modules;
}

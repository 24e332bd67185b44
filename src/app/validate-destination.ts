import type { Issues } from "./issues.ts";
import { checkReference, type DeclaredNames } from "./resource-names.ts";

/**
 * Checks a failure destination: `{ queue }`, `{ topic }` or (for asynchronous invokes) `{ function }`.
 *
 * @example validateDestination(issues, "app.functions.f.onFailure", { queue: "Failed" }, names, true)
 */
export function validateDestination(
  issues: Issues,
  at: string,
  value: unknown,
  names: DeclaredNames,
  allowFunction: boolean,
): void {
  const dest = issues.object(
    at,
    value,
    allowFunction ? "{ queue }, { topic } or { function }" : "{ queue } or { topic }",
  );
  if (!dest) return;
  const keys = Object.keys(dest);
  const allowed = allowFunction ? ["queue", "topic", "function"] : ["queue", "topic"];
  if (keys.length !== 1 || !allowed.includes(keys[0] as string)) {
    issues.add(at, `name exactly one destination: ${allowed.join(", ")}`);
    return;
  }
  const key = keys[0] as "queue" | "topic" | "function";
  checkReference(issues, `${at}.${key}`, dest[key], names, `${key}s`);
}

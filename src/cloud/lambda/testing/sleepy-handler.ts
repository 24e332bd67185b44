// A handler fixture that waits on virtual time, then reports what it can see.
import { isEnvironmentFrozen } from "../scope.ts";

interface SleepyEvent {
  sleepMs: number;
  fail?: string;
}

/**
 * What the handler saw when it woke up, for tests. On globalThis: each environment has its own
 * instance of this module, so a module-level array would not be the one a test imports.
 */
const shared = globalThis as { __squallSleepy?: { frozen: boolean; atMs: number }[] };
shared.__squallSleepy ??= [];
export const afterwards = shared.__squallSleepy;

export async function handler(event: SleepyEvent): Promise<{ sleptMs: number }> {
  await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  afterwards.push({ frozen: isEnvironmentFrozen(), atMs: Date.now() });
  console.log("woke up");
  if (event.fail !== undefined) throw new Error(event.fail);
  return { sleptMs: event.sleepMs };
}

import { drainMicrotasks } from "../../core/real.ts";
import type { Simulation } from "../../core/simulation.ts";

/** What {@link settleAtOnce} found: every call's value, in order, or the indices still waiting. */
export type SettledAtOnce<T> =
  | { readonly values: readonly T[]; readonly waiting?: undefined }
  | { readonly values?: undefined; readonly waiting: readonly number[] };

/**
 * Starts every call as a check inside the simulation (see Simulation.withCheck) — so `Date`,
 * timers and `Math.random` in them are the simulation's, and their draws their own — with the
 * run loop held still, and waits only until every microtask they set off has run. A call still waiting then waits on
 * virtual time, which does not move while the loop is held, or on something outside the
 * simulation: it is reported as waiting, not awaited. Costs no turn of the event loop when every
 * call answers synchronously, and one otherwise. A call that throws throws out of here.
 *
 * @example
 * const { values, waiting } = await settleAtOnce(cloud.sim, [() => Date.now(), async () => Math.random()]);
 * if (waiting !== undefined) throw new Error(`calls ${waiting.join(", ")} are still waiting`);
 */
export async function settleAtOnce<T>(
  sim: Simulation,
  calls: readonly (() => T | PromiseLike<T>)[],
): Promise<SettledAtOnce<T>> {
  const values: T[] = new Array<T>(calls.length);
  const unsettled = new Set<number>();
  const waiting: Promise<void>[] = [];
  sim.withCheck(() => {
    calls.forEach((call, i) => {
      const result = call();
      if (!isPromiseLike(result)) {
        values[i] = result;
        return;
      }
      unsettled.add(i);
      waiting.push(
        Promise.resolve(result).then((value) => {
          unsettled.delete(i);
          values[i] = value;
        }),
      );
    });
  });
  if (waiting.length === 0) return { values };
  // Outside the simulation's context: the drain is Squall's own turn of the real event loop.
  const stalled = Symbol("stalled");
  const outcome = await Promise.race([Promise.all(waiting), drainMicrotasks().then(() => stalled)]);
  return outcome === stalled ? { waiting: [...unsettled] } : { values };
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

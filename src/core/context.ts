import { AsyncLocalStorage } from "node:async_hooks";
import type { ChoiceStream } from "./choices.ts";
import type { Simulation } from "./simulation.ts";

/** What the async context carries inside a simulation: which simulation, and which span. */
export interface SimContext {
  readonly sim: Simulation;
  readonly spanId: string | undefined;
  /**
   * Set while a check runs (see Simulation.withCheck): its `Math.random` and random ids come from
   * this stream, not the run's, so a check leaves the run's draws as they were.
   */
  readonly checkDraws?: ChoiceStream;
}

const storage = new AsyncLocalStorage<SimContext>();

/**
 * The simulation the calling code runs in, or undefined outside any simulation (the test runner,
 * Squall's own loop). Everything virtualised asks this first, so code outside a simulation
 * is untouched.
 *
 * @example
 * const sim = currentSimulation();
 * const now = sim ? sim.nowMs() : Date.now();
 */
export function currentSimulation(): Simulation | undefined {
  return storage.getStore()?.sim;
}

/** The current async context inside a simulation, if any. */
export function currentContext(): SimContext | undefined {
  return storage.getStore();
}

/** Runs `fn` inside the given context (and so inside its simulation). */
export function runInContext<T>(context: SimContext, fn: () => T): T {
  return storage.run(context, fn);
}

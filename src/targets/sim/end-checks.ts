import { SimulationStalledError } from "../../core/simulation-options.ts";
import type { Invariant, ScenarioContext, Sometimes, Violation } from "../scenario.ts";
import type { InvariantViolation } from "./run-scenario.ts";
import { settleAtOnce } from "./settle-at-once.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";
import { StepCheckStalledError } from "./step-check-stalled-error.ts";

/**
 * Checks the invariants at the end of a run, one after the other, inside the simulation as the
 * scenario ran: through the full target (and any SDK client), driving the run loop, so a check
 * may sleep on virtual time and sees the simulation's `Date`, timers and seeded `Math.random`,
 * never the real ones. A check's error is thrown as it is.
 *
 * @example const violations = await checkInvariants(cloud, config.invariants ?? [], { target: cloud, seed, variant, indeterminate: [] });
 */
export async function checkInvariants(
  cloud: SimulatedCloud,
  invariants: readonly Invariant[],
  context: ScenarioContext,
): Promise<InvariantViolation[]> {
  if (invariants.length === 0) return [];
  let checking = "";
  try {
    return await cloud.run(async () => {
      const found: InvariantViolation[] = [];
      for (const invariant of invariants) {
        checking = invariant.name;
        found.push(...named(invariant, await invariant.check(context)));
      }
      return found;
    });
  } catch (error) {
    if (!(error instanceof SimulationStalledError)) throw error;
    throw new SimulationStalledError(
      `the end-of-run check of invariant "${checking}" did not finish: it may await the target, the SDK ` +
        `and timers (on virtual time), not real I/O or a promise nobody resolves. ${error.message}`,
      { cause: error },
    );
  }
}

/**
 * The names of the sometimes states a run reached, each checked inside the simulation (its
 * `Date`, timers and seeded `Math.random`) at once, without driving the run loop, so they leave
 * the run as it was; a state still waiting once every microtask ran is a
 * {@link StepCheckStalledError}.
 *
 * @example const reached = await statesReached(cloud, config.sometimes ?? [], (name) => ({ target: new ReadOnlyTarget(cloud, name, "sometimes"), seed, variant, indeterminate: [] }));
 */
export async function statesReached(
  cloud: SimulatedCloud,
  states: readonly Sometimes[],
  contextFor: (name: string) => ScenarioContext,
): Promise<string[]> {
  if (states.length === 0) return [];
  const settled = await settleAtOnce(
    cloud.sim,
    states.map((state) => () => state.reached(contextFor(state.name))),
  );
  if (settled.waiting !== undefined)
    throw new StepCheckStalledError(
      settled.waiting.map((i) => states[i]?.name ?? ""),
      "sometimes",
    );
  return states.filter((_, i) => settled.values[i]).map((state) => state.name);
}

/**
 * An invariant's violations, each tagged with the invariant's name.
 *
 * @example named(stockNeverNegative, [{ message: "A at -1" }]) // [{ invariant: "stock never below zero", message: "A at -1" }]
 */
export function named(invariant: Invariant, violations: readonly Violation[]): InvariantViolation[] {
  return violations.map((violation) => ({ invariant: invariant.name, ...violation }));
}

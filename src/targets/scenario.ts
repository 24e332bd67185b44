// What a scenario is, independent of where it runs: the harness, fault search and the CLI share it.
import type { App, DeliveryBehaviour } from "../app/model.ts";
import type { FaultPlan } from "../faults/plan.ts";
import type { FaultPreset } from "../faults/presets.ts";
import type { Target } from "./target.ts";

/**
 * What a scenario and an invariant get: the target the app runs on, the run's seed, and the
 * operations whose outcome is unknown.
 */
export interface ScenarioContext {
  /**
   * The target. In an invariant's step check (see {@link Invariant.checkEveryStep}) it is a
   * read-only view: reads answer at once from the services' state, actions are refused.
   */
  readonly target: Target;
  readonly seed: number;
  /** The variant of the app being run, when the config declares variants. */
  readonly variant: string | undefined;
  /**
   * The scenario's own operations whose outcome is unknown, oldest first: calls still in flight,
   * and calls that failed in a way that may or may not have taken effect (see
   * {@link IndeterminateOperation}). As Jepsen's checkers do, an invariant must accept either
   * outcome for these: an effect may be there or not. Everything else the scenario did through
   * the target either definitely happened (it answered) or definitely did not.
   *
   * @example
   * // Each `record` call writes one item: the count lies between the definite successes and
   * // the definite successes plus the unknown ones.
   * const unknown = indeterminate.filter((op) => op.functionName === "record").length;
   * if (items.length < acknowledged || items.length > acknowledged + unknown) return [{ message: `${items.length} items` }];
   */
  readonly indeterminate: readonly IndeterminateOperation[];
}

/**
 * A scenario's operation whose outcome is unknown: it ran (or may have run) the function, and the
 * caller cannot tell whether its effects landed. On the `sim` target these are `invoke` calls
 * that ended with the runtime killed (`Runtime.ExitError`: the crash-after-side-effect fault) or
 * timed out (`Sandbox.Timedout`), and calls not answered yet. A throttled call
 * (TooManyRequestsException) never ran and an error the handler raised itself is the function's
 * answer: both are definite, and not listed.
 *
 * @example
 * { operation: "invoke", functionName: "record", event: { id: "o-1" }, startMs: 1735689600000, requestId: "8f0c…", errorType: "Runtime.ExitError" }
 */
export interface IndeterminateOperation {
  readonly operation: "invoke";
  /** The function's logical name, as the scenario passed it. */
  readonly functionName: string;
  /** The event as it was sent (a JSON copy). */
  readonly event: unknown;
  /** When the call was made, on the target's clock (ms since the epoch). */
  readonly startMs: number;
  /** Lambda's request id; undefined while the call is in flight. */
  readonly requestId: string | undefined;
  /** `Runtime.ExitError` or `Sandbox.Timedout`; undefined while the call is in flight. */
  readonly errorType: string | undefined;
}

/** One thing that went wrong: what, and the items that show it. */
export interface Violation {
  readonly message: string;
  readonly items?: readonly unknown[];
}

/**
 * A property of the system that must hold after every scenario, and, with `checkEveryStep`,
 * at every step of the run.
 *
 * @example
 * const stockNeverNegative: Invariant = {
 *   name: "stock never below zero",
 *   checkEveryStep: true,
 *   async check({ target }) {
 *     const negative = (await target.scan("Inventory")).filter((i) => (i.stock as number) < 0);
 *     return negative.map((i) => ({ message: `${String(i.sku)} at ${String(i.stock)}`, items: [i] }));
 *   },
 * };
 */
export interface Invariant {
  readonly name: string;
  readonly description?: string;
  /**
   * Also check after every step of the simulation's run loop — through the scenario, the fault
   * phase and the liveness phase — and stop the run at the first step that breaks it, reporting
   * that step (`ScenarioResult.brokeAt`). Catches a state that is wrong for a while and repaired
   * before the end. The `sim` target only.
   *
   * A step check must not change the run: its `target` is a read-only view whose reads answer at
   * once from the services' state (no latency, no choice drawn, no span), which refuses actions
   * (send, publish, put, invoke, settle, advance), and the check must settle without waiting on
   * anything else (a timer, real I/O). The run is then the same, step for step, as without it.
   * Each check costs a read of what it reads, after every step: keep step checks cheap.
   */
  readonly checkEveryStep?: boolean;
  /**
   * The violations found in the target's state; none when the invariant holds. Runs inside the
   * simulation, as the scenario does: `Date`, timers and `Math.random` are virtual and seeded (a
   * step check draws from a stream of the checks' own, so it leaves the run's draws as they were).
   * At the end of a run a check may await the target, an SDK client or a sleep on virtual time;
   * in a step check the clock holds still.
   */
  check(context: ScenarioContext): Promise<readonly Violation[]> | readonly Violation[];
}

/**
 * An interesting state a search should reach sometimes — a rejected order, a dead-lettered
 * message, a retried batch — checked at the end of every run and counted, never failing one:
 * `squall explore` reports how many schedules reached it and calls out one that none did, so a
 * green search is not mistaken for a tested one. (Antithesis calls these "sometimes" assertions.)
 * Its `target` only reads: it answers from the services' state without touching the run.
 *
 * @example
 * const rejected: Sometimes = { name: "an order rejected for stock", async reached({ target }) { return (await target.logs({ contains: "out of stock" })).length > 0; } };
 */
export interface Sometimes {
  readonly name: string;
  readonly description?: string;
  /** Inside the simulation, with the clock held still: it must settle without a timer or I/O. */
  reached(context: ScenarioContext): Promise<boolean> | boolean;
}

/** A story told to the system: events sent, time passing. Invariants are checked after it settles. */
export interface Scenario {
  readonly description?: string;
  /** Standard queues' delivery for this scenario (duplicates, reordering); overrides the app's. */
  readonly delivery?: DeliveryBehaviour;
  run(context: ScenarioContext): Promise<void>;
}

/** A `squall.config.ts`: the app (or its variants), its scenarios and its invariants. */
export interface SquallConfig {
  /** The app, or a function building each variant of it. */
  readonly app: App | ((variant: string) => App);
  /** Variant names, when `app` is a function; the first is the default. */
  readonly variants?: readonly string[];
  readonly scenarios: Readonly<Record<string, Scenario>>;
  readonly invariants?: readonly Invariant[];
  /** States a search should reach sometimes; counted by `squall explore`, never a failure. */
  readonly sometimes?: readonly Sometimes[];
  /** The seed `squall run` uses without `--seed`. Default 1. */
  readonly seed?: number;
  /**
   * The liveness phase after every scenario: once faults stop, the system must drain within
   * `drainBoundMs` (default one hour of virtual time), leaving no message in a queue and none
   * dead-lettered (unless `allowDeadLetters`).
   */
  readonly liveness?: LivenessOptions;
  /** What `squall explore` searches without flags saying otherwise. */
  readonly explore?: ExploreDefaults;
}

/** The defaults of `squall explore` for a config. */
export interface ExploreDefaults {
  /** The scenarios to search. Default: every scenario. */
  readonly scenarios?: readonly string[];
  /** The faults: a preset name, or a plan (which `--faults` replaces). Default `none`. */
  readonly faults?: FaultPreset | FaultPlan;
  /** Schedules per scenario and variant. Default 100. */
  readonly runs?: number;
}

/** What the liveness phase allows. */
export interface LivenessOptions {
  /** Virtual time the system gets to drain once faults stop. Default one hour. */
  readonly drainBoundMs?: number;
  /** Messages in dead-letter queues are findings unless allowed. Default false. */
  readonly allowDeadLetters?: boolean;
}

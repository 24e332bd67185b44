// What a scenario is, independent of where it runs: the harness, fault search and the CLI share it.
import type { App, DeliveryBehaviour } from "../app/model.ts";
import type { FaultPlan } from "../faults/plan.ts";
import type { FaultPreset } from "../faults/presets.ts";
import type { Target } from "./target.ts";

/** What a scenario and an invariant get: the target the app runs on, and the run's seed. */
export interface ScenarioContext {
  readonly target: Target;
  readonly seed: number;
  /** The variant of the app being run, when the config declares variants. */
  readonly variant: string | undefined;
}

/** One thing that went wrong: what, and the items that show it. */
export interface Violation {
  readonly message: string;
  readonly items?: readonly unknown[];
}

/** A property of the system that must hold after every scenario. */
export interface Invariant {
  readonly name: string;
  readonly description?: string;
  /** The violations found in the target's state; none when the invariant holds. */
  check(context: ScenarioContext): Promise<readonly Violation[]> | readonly Violation[];
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

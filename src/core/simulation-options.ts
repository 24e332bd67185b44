import type { ChoiceRecording, ReplayMode } from "./choices.ts";
import { SquallError } from "./errors.ts";
import type { Selector } from "./selector.ts";

/** Options of {@link createSimulation}. */
export interface SimulationOptions {
  /** The seed of the choice stream. Same seed, same run. */
  seed: number;
  /** Virtual time at which the simulation starts, ms since the epoch. Default 2025-01-01T00:00:00Z. */
  startTimeMs?: number;
  /** Chooses among actions ready at the same virtual time. Default: FIFO. */
  selector?: Selector;
  /** A recording to replay instead of drawing fresh choices. */
  recording?: ChoiceRecording;
  /** How strictly the recording is replayed. Default `strict`. */
  replayMode?: ReplayMode;
  /**
   * Whether to keep every draw of the choice stream (needed to shrink a run). Default true; a long
   * load run turns it off to keep memory flat, and still replays from its seed.
   */
  recordChoices?: boolean;
  /** Bounds the spans the trace keeps for inspection (see TraceOptions). Default: all. */
  retainSpans?: number;
}

/** Bounds on a run of the loop, so a runaway `setInterval` ends in an error, not a hang. */
export interface RunLimits {
  /** Stop with an error after this many actions. Default 1,000,000. */
  maxSteps?: number;
  /** Stop with an error once virtual time passes this far beyond the start of the call. Default 30 days. */
  maxVirtualMs?: number;
}

/** Raised when the run loop cannot finish: a scenario waits on nothing simulated, or a budget ran out. */
export class SimulationStalledError extends SquallError {
  override name = "SimulationStalledError";
}

/** Raised when a simulated action throws and nothing catches it (as an uncaught exception would). */
export class UncaughtSimulationError extends SquallError {
  override name = "UncaughtSimulationError";
}

/** Where the run loop is after one step: what a {@link StepHook} is told. */
export interface LoopStep {
  /**
   * Counts the steps since the hook was installed: 1 for the first. Handing over real work
   * (`real work`) is not counted — the hook still runs, with the step before it — since how many
   * hand-overs a run takes depends on what the process already loaded, not on the run.
   */
  readonly step: number;
  /**
   * What the step ran: a scheduled action's label (`dynamodb.PutItem`, `sqs.deliver`…), `idle`
   * when it woke code waiting on `idle()`, or `real work` when it handed over awaited real work.
   */
  readonly label: string;
  /** Virtual time after the step, ms since the epoch. */
  readonly nowMs: number;
}

/**
 * Called by the run loop after every step, once the step's microtasks have drained and before the
 * next action is chosen; the loop awaits it. Throwing stops the run with that error. A hook must
 * only read: it runs outside the simulation, and anything it schedules or draws changes the run.
 *
 * @example const off = sim.onStep(({ step, label }) => void console.log(step, label));
 */
export type StepHook = (step: LoopStep) => void | Promise<void>;

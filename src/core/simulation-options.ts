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

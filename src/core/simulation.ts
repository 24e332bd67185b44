import { ChoiceStream } from "./choices.ts";
import { currentContext, runInContext, type SimContext } from "./context.ts";
import { acquireEscapeGuard, type SimulationEscapeError } from "./escape.ts";
import { type FaultCount, FaultLedger } from "./fault-draw.ts";
import { acquireVirtualization } from "./globals.ts";
import { fillBytes, uuidFrom } from "./ids.ts";
import { RunLoop } from "./run-loop.ts";
import { fifoSelector } from "./selector.ts";
import type { KernelServices } from "./services.ts";
import {
  type RunLimits,
  type SimulationOptions,
  SimulationStalledError,
  type StepHook,
} from "./simulation-options.ts";
import { Trace } from "./trace.ts";
import { VirtualTimeout } from "./virtual-timers.ts";

const DEFAULT_START_MS = Date.UTC(2025, 0, 1);

/**
 * A deterministic world: virtual time, the seeded choice stream, the trace, and the loop that
 * runs scheduled actions one at a time, draining every microtask between them. The clock, the
 * scheduled actions and the loop live in its {@link RunLoop}; this class is what code inside
 * the world and the test outside it talk to.
 */
export class Simulation implements KernelServices {
  readonly seed: number;
  readonly choices: ChoiceStream;
  private readonly ids: ChoiceStream;
  private readonly faults = new FaultLedger();
  readonly trace: Trace;
  readonly escapes: SimulationEscapeError[] = [];
  private readonly startMs: number;
  private readonly loop: RunLoop;
  private readonly releases: (() => void)[];
  private readonly rootContext: SimContext;
  private checkContext: SimContext | undefined;

  constructor(options: SimulationOptions) {
    this.seed = options.seed;
    const replay = options.recording === undefined ? {} : { recording: options.recording };
    this.choices = new ChoiceStream(options.seed, {
      ...replay,
      mode: options.replayMode ?? "strict",
      record: options.recordChoices ?? true,
    });
    // Ids only name things: they come from their own stream, derived from the seed, never
    // recorded or replayed. So shrinking a run's choices cannot make two messages share an id,
    // and a replay line does not carry thousands of id draws.
    this.ids = new ChoiceStream((options.recording?.seed ?? options.seed) ^ 0x1d5_1d5, { record: false });
    this.trace = new Trace(options.retainSpans === undefined ? {} : { retainSpans: options.retainSpans });
    this.startMs = options.startTimeMs ?? DEFAULT_START_MS;
    this.rootContext = { sim: this, spanId: undefined };
    this.loop = new RunLoop({
      seed: this.seed,
      startMs: this.startMs,
      selector: options.selector ?? fifoSelector,
      choices: this.choices,
      rootContext: this.rootContext,
    });
    this.releases = [acquireVirtualization(), acquireEscapeGuard()];
  }

  nowMs(): number {
    return this.loop.nowMs();
  }

  /** Virtual ms since the simulation started (what `performance.now()` returns inside it). */
  elapsedMs(): number {
    return this.loop.nowMs() - this.startMs;
  }

  nextInt(label: string, boundExclusive: number): number {
    return this.choices.nextInt(label, boundExclusive);
  }

  /** Counts a consulted fault point; a fired fault also becomes a `fault.<kind>` span. */
  noteFault(kind: string, where: string, fired: boolean): void {
    this.faults.note(kind, fired);
    if (!fired) return;
    const span = this.trace.start({
      kind: "internal",
      name: `fault.${kind}`,
      atMs: this.loop.nowMs(),
      parentId: this.currentSpanId(),
      attributes: { where },
    });
    this.trace.end(span, { atMs: this.loop.nowMs() });
  }

  /** The fault points consulted in this run and how often each fired, by fault kind. */
  faultCoverage(): ReadonlyMap<string, Readonly<FaultCount>> {
    return this.faults.counts;
  }

  uuid(label: string): string {
    return uuidFrom(this.ids, label);
  }

  /** Fills `bytes` from the id stream (for `crypto.getRandomValues`, which libraries use for ids). */
  fillRandomBytes(label: string, bytes: Uint8Array): void {
    fillBytes(this.ids, label, bytes);
  }

  currentSpanId(): string | undefined {
    return currentContext()?.spanId;
  }

  schedule(
    delayMs: number,
    label: string,
    action: () => void,
    options: { background?: boolean } = {},
  ): () => void {
    const context = currentContext() ?? this.rootContext;
    const background = options.background ?? false;
    const scheduled = this.loop.enqueue(label, action, delayMs, undefined, context, background);
    return () => this.loop.timers.cancel(scheduled);
  }

  awaitReal<T>(label: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    return this.loop.hold(label, work);
  }

  /**
   * From inside the simulation: resolves once nothing but background work is left to run (what
   * `runUntilIdle()` waits for from outside). A scenario uses it to let every delivery, retry and
   * stream record play out before it checks the outcome.
   *
   * @example
   * await sim.run(async () => { await send(order); await sim.idle(); return readState(); });
   */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Backs the virtual `setTimeout`/`setInterval`/`setImmediate`. */
  setTimer(label: string, callback: () => void, delayMs: number, repeat: boolean): VirtualTimeout {
    const context = currentContext() ?? this.rootContext;
    const loop = this.loop;
    const action = loop.enqueue(label, callback, delayMs, repeat ? Math.max(1, delayMs) : undefined, context);
    return new VirtualTimeout(
      action,
      // From this call, not from `old`: a cancelled action no longer holds its callback.
      (old) => loop.enqueue(label, callback, delayMs, old.repeatMs, context, old.background),
      (a) => loop.timers.cancel(a),
      (a, background) => loop.timers.setBackground(a, background),
    );
  }

  /**
   * Runs `fn` as a check (an invariant's, a sometimes state's): inside this simulation, but with
   * `Math.random` and random ids drawn from a stream of the checks' own, derived from the seed,
   * so that a check leaves the run's draws, and so the run, as they were without it.
   */
  withCheck<T>(fn: () => T): T {
    this.checkContext ??= {
      sim: this,
      spanId: undefined,
      checkDraws: new ChoiceStream(this.seed ^ 0xc4ec4, { record: false }),
    };
    return runInContext(this.checkContext, fn);
  }

  /** Runs `fn` inside this simulation with the given span as the current one. */
  withSpan<T>(spanId: string | undefined, fn: () => T): T {
    return runInContext({ sim: this, spanId }, fn);
  }

  /** Schedules `fn` to start at the current virtual time, inside the simulation. */
  spawn(label: string, fn: () => unknown): void {
    this.loop.enqueue(label, () => void fn(), 0, undefined, this.rootContext);
  }

  /**
   * Runs a scenario inside the simulation and drives the loop until it settles. Work it started
   * but did not await stays scheduled; `runUntilIdle()` finishes it.
   *
   * @example
   * const result = await sim.run(async () => handler(event));
   */
  async run<T>(scenario: () => Promise<T> | T, limits: RunLimits = {}): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    this.spawn("scenario", () =>
      Promise.resolve()
        .then(scenario)
        .then(
          (value) => {
            outcome = { ok: true, value };
          },
          (error: unknown) => {
            outcome = { ok: false, error };
          },
        ),
    );
    await this.loop.run(limits, () => outcome !== undefined);
    if (outcome === undefined) {
      throw new SimulationStalledError(
        `the scenario is still waiting but nothing is scheduled in simulation (seed ${this.seed}): ` +
          "it awaits something Squall does not simulate (real I/O, a promise nobody resolves).",
      );
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Runs scheduled actions until none is left but background ones (see KernelServices.schedule). */
  async runUntilIdle(limits: RunLimits = {}): Promise<void> {
    await this.loop.run(limits, () => false);
  }

  /** Runs every action due within the next `ms` of virtual time, then moves the clock to its end. */
  async advance(ms: number, limits: RunLimits = {}): Promise<void> {
    await this.loop.advance(ms, limits);
  }

  /**
   * Installs a hook the run loop calls after every step (see {@link StepHook}); returns what
   * removes it. One hook at a time. Without one, the loop pays a single comparison per step.
   *
   * @example
   * const off = sim.onStep(({ step, nowMs }) => { if (broken()) throw new Error(`broke at step ${step}`); });
   */
  onStep(hook: StepHook): () => void {
    return this.loop.onStep(hook);
  }

  /** How many actions and timers were ever scheduled: a step hook compares it to tell one that scheduled work. */
  scheduledCount(): number {
    return this.loop.scheduledCount();
  }

  /** Releases the virtualised globals and guards this simulation holds. */
  dispose(): void {
    for (const release of this.releases) release();
  }

  /** Called by the escape guard. */
  reportEscape(error: SimulationEscapeError): void {
    this.escapes.push(error);
    this.loop.raise(error);
  }

  /** Labels and due times of everything still scheduled. */
  pending(): { label: string; dueMs: number }[] {
    return this.loop.pending();
  }

  /** Whether real work handed to `awaitReal` is still running (the loop is holding still). */
  holdsRealWork(): boolean {
    return this.loop.holdsRealWork();
  }
}

/**
 * Creates a simulation: virtual time and seeded randomness for everything that runs inside it.
 *
 * @example
 * const sim = createSimulation({ seed: 42 });
 * const out = await sim.run(async () => { await new Promise((r) => setTimeout(r, 5_000)); return Date.now(); });
 * sim.dispose();
 */
export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulation(options);
}

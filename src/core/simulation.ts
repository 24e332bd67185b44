import { ChoiceStream } from "./choices.ts";
import { currentContext, runInContext, type SimContext } from "./context.ts";
import { SquallError } from "./errors.ts";
import { acquireEscapeGuard, type SimulationEscapeError } from "./escape.ts";
import { type FaultCount, FaultLedger } from "./fault-draw.ts";
import { acquireVirtualization } from "./globals.ts";
import { fillBytes, uuidFrom } from "./ids.ts";
import { drainMicrotasks } from "./real.ts";
import { RealWork } from "./real-work.ts";
import { fifoSelector, type Selector } from "./selector.ts";
import type { KernelServices } from "./services.ts";
import {
  type RunLimits,
  type SimulationOptions,
  SimulationStalledError,
  type StepHook,
  UncaughtSimulationError,
} from "./simulation-options.ts";
import { type ScheduledAction, TimerQueue } from "./timer-queue.ts";
import { Trace } from "./trace.ts";
import { VirtualTimeout } from "./virtual-timers.ts";

const DEFAULT_START_MS = Date.UTC(2025, 0, 1);

/**
 * A deterministic world: virtual time, the seeded choice stream, the trace, and the loop that
 * runs scheduled actions one at a time, draining every microtask between them.
 */
export class Simulation implements KernelServices {
  readonly seed: number;
  readonly choices: ChoiceStream;
  private readonly ids: ChoiceStream;
  private readonly faults = new FaultLedger();
  readonly trace: Trace;
  readonly escapes: SimulationEscapeError[] = [];
  private readonly startMs: number;
  private now: number;
  private readonly timers = new TimerQueue();
  private readonly selector: Selector;
  private nextId = 1;
  private nextSeq = 0;
  private uncaught: unknown[] = [];
  private readonly releases: (() => void)[];
  private readonly rootContext: SimContext;
  private readonly realWork = new RealWork();
  private looping = 0;
  private idleWaiters: (() => void)[] = [];
  private unraisedEscapes: SimulationEscapeError[] = [];
  private stepHook: StepHook | undefined;
  private hookedSteps = 0;
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
    this.now = this.startMs;
    this.selector = options.selector ?? fifoSelector;
    this.rootContext = { sim: this, spanId: undefined };
    this.releases = [acquireVirtualization(), acquireEscapeGuard()];
  }

  nowMs(): number {
    return this.now;
  }

  /** Virtual ms since the simulation started (what `performance.now()` returns inside it). */
  elapsedMs(): number {
    return this.now - this.startMs;
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
      atMs: this.now,
      parentId: this.currentSpanId(),
      attributes: { where },
    });
    this.trace.end(span, { atMs: this.now });
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
    const scheduled = this.enqueue(label, action, delayMs, undefined, context, options.background ?? false);
    return () => this.timers.cancel(scheduled);
  }

  awaitReal<T>(label: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    return this.realWork.hold(label, work, () => this.looping > 0);
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
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Backs the virtual `setTimeout`/`setInterval`/`setImmediate`. */
  setTimer(label: string, callback: () => void, delayMs: number, repeat: boolean): VirtualTimeout {
    const context = currentContext() ?? this.rootContext;
    const action = this.enqueue(label, callback, delayMs, repeat ? Math.max(1, delayMs) : undefined, context);
    return new VirtualTimeout(
      action,
      // From this call, not from `old`: a cancelled action no longer holds its callback.
      (old) => this.enqueue(label, callback, delayMs, old.repeatMs, context, old.background),
      (a) => this.timers.cancel(a),
      (a, background) => this.timers.setBackground(a, background),
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
    this.enqueue(label, () => void fn(), 0, undefined, this.rootContext);
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
    await this.loop(limits, () => outcome !== undefined);
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
    await this.loop(limits, () => false);
  }

  /** Runs every action due within the next `ms` of virtual time, then moves the clock to its end. */
  async advance(ms: number, limits: RunLimits = {}): Promise<void> {
    const until = this.now + ms;
    await this.loop({ maxVirtualMs: ms, ...limits }, () => false, until);
    this.now = Math.max(this.now, until);
  }

  /**
   * Installs a hook the run loop calls after every step (see {@link StepHook}); returns what
   * removes it. One hook at a time. Without one, the loop pays a single comparison per step.
   *
   * @example
   * const off = sim.onStep(({ step, nowMs }) => { if (broken()) throw new Error(`broke at step ${step}`); });
   */
  onStep(hook: StepHook): () => void {
    if (this.stepHook !== undefined)
      throw new SquallError(
        `onStep: simulation (seed ${this.seed}) already has a step hook; remove it (call what onStep returned) first`,
      );
    this.stepHook = hook;
    this.hookedSteps = 0;
    return () => {
      if (this.stepHook === hook) this.stepHook = undefined;
    };
  }

  /** How many actions and timers were ever scheduled: a step hook compares it to tell one that scheduled work. */
  scheduledCount(): number {
    return this.nextId - 1;
  }

  /** Releases the virtualised globals and guards this simulation holds. */
  dispose(): void {
    for (const release of this.releases) release();
  }

  /** Called by the escape guard. */
  reportEscape(error: SimulationEscapeError): void {
    this.escapes.push(error);
    this.unraisedEscapes.push(error);
  }

  /** Labels and due times of everything still scheduled. */
  pending(): { label: string; dueMs: number }[] {
    const real = this.realWork.labels().map((label) => ({ label, dueMs: this.now }));
    return [...real, ...this.timers.pending()];
  }

  private enqueue(
    label: string,
    run: () => void,
    delayMs: number,
    repeatMs: number | undefined,
    context: unknown,
    background = false,
  ): ScheduledAction {
    const action: ScheduledAction = {
      id: this.nextId++,
      dueMs: this.now + Math.max(0, delayMs),
      seq: this.nextSeq++,
      label,
      run,
      context,
      repeatMs,
      cancelled: false,
      background,
    };
    this.timers.push(action);
    return action;
  }

  private async loop(
    limits: RunLimits,
    done: () => boolean,
    untilMs = Number.POSITIVE_INFINITY,
  ): Promise<void> {
    this.looping++;
    try {
      await this.runLoop(limits, done, untilMs);
    } finally {
      this.looping--;
      // Real work that finished while the loop ran, but that the loop left before handing over.
      if (this.looping === 0) this.realWork.deliverReady();
    }
  }

  private async runLoop(limits: RunLimits, done: () => boolean, untilMs: number): Promise<void> {
    const maxSteps = limits.maxSteps ?? 1_000_000;
    const deadline = this.now + (limits.maxVirtualMs ?? 30 * 24 * 3600_000);
    for (let steps = 0; !done(); steps++) {
      if (this.realWork.busy) {
        await this.settleExternals();
        // Not a step of its own: how many hand-overs a run takes depends on what the process has
        // already loaded (a handler compiled by an earlier run), not on the run.
        if (this.stepHook !== undefined) await this.afterStep(this.stepHook, "real work", false);
        continue;
      }
      if (this.timers.foregroundSize === 0 && this.idleWaiters.length > 0) {
        this.wakeIdleWaiters();
        await drainMicrotasks();
        this.throwUncaught();
        if (this.stepHook !== undefined) await this.afterStep(this.stepHook, "idle");
        continue;
      }
      const next = this.timers.peek();
      if (next === undefined || next.dueMs > untilMs) return;
      if (untilMs === Number.POSITIVE_INFINITY && this.timers.foregroundSize === 0) return;
      if (steps >= maxSteps || next.dueMs > deadline)
        this.budgetExceeded(steps >= maxSteps ? "steps" : "time");
      const action = this.take();
      this.runOne(action);
      await drainMicrotasks();
      this.throwUncaught();
      if (this.stepHook !== undefined) await this.afterStep(this.stepHook, action.label);
    }
  }

  private async afterStep(hook: StepHook, label: string, counts = true): Promise<void> {
    if (counts) this.hookedSteps++;
    await hook({ step: this.hookedSteps, label, nowMs: this.now });
  }

  /**
   * Waits in real time, with the virtual clock stopped and no action running, until every real
   * operation handed to `awaitReal` has settled; then drains what their settling set off. Nothing
   * simulated runs meanwhile, so how long the real work takes cannot change the run.
   */
  private async settleExternals(): Promise<void> {
    while (this.realWork.busy) {
      await this.realWork.settleAll();
      await drainMicrotasks();
      this.throwUncaught();
    }
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    runInContext(this.rootContext, () => {
      for (const wake of waiters) wake();
    });
  }

  private take(): ScheduledAction {
    const first = this.timers.pop() as ScheduledAction;
    if (this.selector === fifoSelector) return first;
    const next = this.timers.peek();
    if (next === undefined || next.dueMs !== first.dueMs) return first;
    const ready = [first, ...this.timers.popAllDueAt(first.dueMs)];
    const chosen = ready.splice(this.selector.select(ready, this.choices), 1)[0] as ScheduledAction;
    for (const other of ready) this.timers.push(other);
    return chosen;
  }

  private runOne(action: ScheduledAction): void {
    this.now = Math.max(this.now, action.dueMs);
    if (action.repeatMs !== undefined) {
      action.dueMs = this.now + action.repeatMs;
      action.seq = this.nextSeq++;
      this.timers.push(action);
    }
    try {
      runInContext(action.context as SimContext, action.run);
    } catch (error) {
      this.uncaught.push(error);
    }
  }

  /** Whether real work handed to `awaitReal` is still running (the loop is holding still). */
  holdsRealWork(): boolean {
    return this.realWork.busy;
  }

  private throwUncaught(): void {
    const [escaped] = this.unraisedEscapes;
    if (escaped !== undefined) {
      this.unraisedEscapes = [];
      throw escaped;
    }
    if (this.uncaught.length === 0) return;
    const [first] = this.uncaught;
    this.uncaught = [];
    throw new UncaughtSimulationError(
      `an action scheduled in simulation (seed ${this.seed}) threw and nothing caught it: ${String(first)}`,
      { cause: first },
    );
  }

  private budgetExceeded(kind: "steps" | "time"): never {
    const pending = this.pending()
      .slice(0, 5)
      .map((p) => `${p.label}@${new Date(p.dueMs).toISOString()}`)
      .join(", ");
    throw new SimulationStalledError(
      `simulation (seed ${this.seed}) exceeded its ${kind === "steps" ? "step" : "virtual-time"} budget ` +
        `with work still scheduled (${pending}); a timer that reschedules itself forever? Raise the limit in RunLimits.`,
    );
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

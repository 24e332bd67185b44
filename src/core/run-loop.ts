import type { ChoiceStream } from "./choices.ts";
import { runInContext, type SimContext } from "./context.ts";
import { SquallError } from "./errors.ts";
import type { SimulationEscapeError } from "./escape.ts";
import { drainMicrotasks } from "./real.ts";
import { RealWork } from "./real-work.ts";
import { fifoSelector, type Selector } from "./selector.ts";
import {
  type RunLimits,
  SimulationStalledError,
  type StepHook,
  UncaughtSimulationError,
} from "./simulation-options.ts";
import { type ScheduledAction, TimerQueue } from "./timer-queue.ts";

/** What a {@link RunLoop} is built from; the simulation that owns it supplies each. */
export interface RunLoopOptions {
  /** Named in the loop's errors, so a stall or an uncaught error says which run to replay. */
  seed: number;
  /** Where the virtual clock starts, ms since the epoch. */
  startMs: number;
  /** Chooses among actions ready at the same virtual time, drawing from `choices`. */
  selector: Selector;
  choices: ChoiceStream;
  /** The context code woken by `idle()` runs in. */
  rootContext: SimContext;
}

/**
 * The kernel's engine: the virtual clock, the actions scheduled on it, and the loop that runs them
 * one at a time, draining every microtask between them, holding still for real work, waking
 * `idle()` waiters, and raising what a step left uncaught. Only the loop moves the clock.
 * A `Simulation` owns one and keeps the seeded streams, the trace and the faults.
 *
 * @example
 * const loop = new RunLoop({ seed: 1, startMs: 0, selector: fifoSelector, choices, rootContext });
 * loop.enqueue("tick", () => {}, 10, undefined, rootContext);
 * await loop.run({}, () => false);
 */
export class RunLoop {
  /** The actions scheduled on virtual time (the simulation cancels and unrefs them here). */
  readonly timers = new TimerQueue();
  private readonly seed: number;
  private readonly selector: Selector;
  private readonly choices: ChoiceStream;
  private readonly rootContext: SimContext;
  private now: number;
  private nextId = 1;
  private nextSeq = 0;
  private uncaught: unknown[] = [];
  private readonly realWork = new RealWork();
  private looping = 0;
  private idleWaiters: (() => void)[] = [];
  private unraisedEscapes: SimulationEscapeError[] = [];
  private stepHook: StepHook | undefined;
  private hookedSteps = 0;

  constructor(options: RunLoopOptions) {
    this.seed = options.seed;
    this.now = options.startMs;
    this.selector = options.selector;
    this.choices = options.choices;
    this.rootContext = options.rootContext;
  }

  /** Virtual time in ms since the epoch. */
  nowMs(): number {
    return this.now;
  }

  /** Schedules `run` `delayMs` from now, in `context`; `repeatMs` makes it an interval. */
  enqueue(
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

  /** How many actions and timers were ever scheduled. */
  scheduledCount(): number {
    return this.nextId - 1;
  }

  /** Backs `awaitReal`: the loop holds still until `work` settles, then hands its outcome over. */
  hold<T>(label: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    return this.realWork.hold(label, work, () => this.looping > 0);
  }

  /** Whether real work handed to `awaitReal` is still running (the loop is holding still). */
  holdsRealWork(): boolean {
    return this.realWork.busy;
  }

  /** Resolves once nothing but background work is left to run (backs `Simulation.idle`). */
  idle(): Promise<void> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Installs the hook called after every step (see `Simulation.onStep`); returns what removes it. */
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

  /** Has the loop throw `error` once the current step's microtasks have drained. */
  raise(error: SimulationEscapeError): void {
    this.unraisedEscapes.push(error);
  }

  /** Labels and due times of everything still scheduled. */
  pending(): { label: string; dueMs: number }[] {
    const real = this.realWork.labels().map((label) => ({ label, dueMs: this.now }));
    return [...real, ...this.timers.pending()];
  }

  /** Runs every action due within the next `ms` of virtual time, then moves the clock to its end. */
  async advance(ms: number, limits: RunLimits): Promise<void> {
    const until = this.now + ms;
    await this.run({ maxVirtualMs: ms, ...limits }, () => false, until);
    this.now = Math.max(this.now, until);
  }

  /** Runs actions until `done()`, or until none is left but background ones or ones due after `untilMs`. */
  async run(limits: RunLimits, done: () => boolean, untilMs = Number.POSITIVE_INFINITY): Promise<void> {
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

import type { ScheduledAction } from "./timer-queue.ts";

/**
 * What simulated code gets back from `setTimeout`/`setInterval`/`setImmediate`: shaped like
 * Node's `Timeout` (ref/unref/hasRef/refresh, usable as a number) so code that calls `.unref()`
 * keeps working, but backed by an action on virtual time.
 */
export class VirtualTimeout {
  constructor(
    readonly action: ScheduledAction,
    private readonly reschedule: (action: ScheduledAction) => ScheduledAction,
    private readonly cancelAction: (action: ScheduledAction) => void,
    private readonly setBackground: (action: ScheduledAction, background: boolean) => void,
  ) {}

  private current: ScheduledAction | undefined;
  private closed = false;

  /** The live action behind this handle (refresh() replaces it). */
  get live(): ScheduledAction {
    return this.current ?? this.action;
  }

  /** Makes the timer keep the simulation busy again (the default). */
  ref(): this {
    this.setBackground(this.live, false);
    return this;
  }

  /** Like Node: an unref'd timer does not keep `runUntilIdle()` running, but still fires if reached. */
  unref(): this {
    this.setBackground(this.live, true);
    return this;
  }

  hasRef(): boolean {
    return !this.live.background;
  }

  /** As Node's: restarts the delay, re-arms a timer that fired; a cleared timer stays cleared. */
  refresh(): this {
    if (this.closed) return this;
    this.cancelAction(this.live);
    this.current = this.reschedule(this.live);
    return this;
  }

  close(): this {
    this.closed = true;
    this.cancelAction(this.live);
    return this;
  }

  [Symbol.toPrimitive](): number {
    return this.action.id;
  }
}

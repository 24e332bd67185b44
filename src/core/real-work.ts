/** One piece of real work the simulation waits for. */
interface Pending {
  readonly label: string;
  ready: boolean;
  /** Hands the outcome to whoever awaits it (set once the work settled). */
  deliver: () => void;
}

/**
 * The real, timing-independent work a simulation holds still for (`awaitReal`): it tracks what
 * is pending and hands outcomes over in the order the work was asked for, whatever order the
 * real work finished in — so how long it took cannot change the run. While no run loop is
 * active there is nothing to keep in step, and outcomes go straight to their waiters.
 *
 * @example
 * const work = new RealWork();
 * const module = await work.hold("lambda.init.import", () => import(url), () => loopRunning);
 */
export class RealWork {
  private readonly pending = new Map<Promise<void>, Pending>();

  /** Whether any real work is still running or not yet handed over. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Labels of the pending work, for stall reports. */
  labels(): string[] {
    return [...this.pending.values()].map((p) => p.label);
  }

  /** Runs (or takes) `work` and returns its outcome once the loop hands it over. */
  hold<T>(label: string, work: Promise<T> | (() => Promise<T>), loopRunning: () => boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Registered before a function form starts, so the real timers it creates are its own.
      let release!: () => void;
      const settled = new Promise<void>((done) => {
        release = done;
      });
      const entry: Pending = { label, ready: false, deliver: () => {} };
      this.pending.set(settled, entry);
      const finish = (outcome: () => void) => {
        entry.deliver = outcome;
        entry.ready = true;
        if (!loopRunning()) {
          this.pending.delete(settled);
          outcome();
        }
        release();
      };
      try {
        const started = typeof work === "function" ? work() : work;
        started.then(
          (value) => finish(() => resolve(value)),
          (error: unknown) => finish(() => reject(error)),
        );
      } catch (error) {
        finish(() => reject(error));
      }
    });
  }

  /** Waits (in real time) until everything pending settled, then hands the outcomes over in order. */
  async settleAll(): Promise<void> {
    await Promise.all(this.pending.keys());
    const settled = [...this.pending.values()];
    this.pending.clear();
    for (const entry of settled) entry.deliver();
  }

  /** Hands over what already settled (the loop is ending), in the order it was asked for. */
  deliverReady(): void {
    for (const [settled, entry] of [...this.pending]) {
      if (!entry.ready) continue;
      this.pending.delete(settled);
      entry.deliver();
    }
  }
}

/**
 * What a simulated service in `cloud/` may ask of the simulation kernel: the virtual clock, the
 * seeded choice stream, deterministic ids, timers on virtual time and the current trace span.
 * Services see only this interface, so they can be unit-tested with a hand-made one.
 *
 * @example
 * const expiresAtMs = kernel.nowMs() + kernel.nextInt("ttl.deletionDelayMs", 60_000);
 */
export interface KernelServices {
  /** Virtual time in milliseconds since the Unix epoch. */
  nowMs(): number;
  /**
   * Draws an integer in [0, boundExclusive) from the seeded choice stream. The label names the
   * decision (`dynamodb.ttl.deletionDelayMs`) and is checked on replay.
   */
  nextInt(label: string, boundExclusive: number): number;
  /** A deterministic UUID (version 4 layout) from the seed's id stream: ids are not choices, so shrinking leaves them alone. */
  uuid(label: string): string;
  /**
   * Runs `action` after `delayMs` of virtual time; returns a function that cancels it. A
   * `background` action (a TTL sweep, a retention trim) does not keep the simulation busy, like an
   * unref'd Node timer: `runUntilIdle()` stops when only background actions are left, and `advance()`
   * runs those that fall in its window.
   */
  schedule(
    delayMs: number,
    label: string,
    action: () => void,
    options?: { background?: boolean },
  ): () => void;
  /**
   * Waits for real work that cannot be simulated but does not depend on timing — loading a
   * handler's module, say. The run loop stops the virtual clock and runs nothing else until it
   * settles, so the run stays deterministic. Pass a function to have the hold begin before the work
   * starts (then real timers the work creates are not reported as escapes). Returns the work's promise.
   *
   * @example
   * const module = await kernel.awaitReal("lambda.init.import", () => import(handlerUrl));
   */
  awaitReal<T>(label: string, work: Promise<T> | (() => Promise<T>)): Promise<T>;
  /** The id of the span (invocation or SDK call) the caller runs in, if any. */
  currentSpanId(): string | undefined;
  /**
   * Notes that a fault point was consulted and whether its fault fired (see `faultFires`): the
   * simulation counts it for coverage and records a fired fault on the trace. Optional, so a
   * hand-made kernel in a unit test need not care.
   */
  noteFault?(kind: string, where: string, fired: boolean): void;
}

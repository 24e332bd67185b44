import crypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import timers from "node:timers";
import timersPromises from "node:timers/promises";
import { currentContext, currentSimulation } from "./context.ts";
import { fillBytes, uuidFrom } from "./ids.ts";
import { real } from "./real.ts";
import { refCounted } from "./ref-counted.ts";
import { VirtualTimeout } from "./virtual-timers.ts";

type TimerCallback = (...args: unknown[]) => void;
type GetRandomValues = <T extends ArrayBufferView | null>(array: T) => T;
interface RandomSource {
  randomUUID(): string;
  getRandomValues: GetRandomValues;
}

/**
 * Replaces the process's sources of time and randomness with versions that ask the current
 * async context first: inside a simulation they are virtual and seeded, outside they are the real
 * ones. Idempotent and reference-counted: returns the release function.
 *
 * @example
 * const release = acquireVirtualization();
 * try { await sim.run(scenario) } finally { release() }
 */
export const acquireVirtualization: () => () => void = refCounted(() => install());

function install(): () => void {
  const undo: (() => void)[] = [];
  // Some targets expose these as getters (node:crypto's getRandomValues), so swap descriptors.
  const patch = (target: object, key: string, value: unknown): void => {
    const original = Object.getOwnPropertyDescriptor(target, key);
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
    undo.push(() => {
      if (original) Object.defineProperty(target, key, original);
      else Reflect.deleteProperty(target, key);
    });
  };

  const timerFns = virtualTimerFunctions();
  for (const target of [globalThis, timers]) {
    for (const [name, fn] of Object.entries(timerFns)) patch(target, name, fn);
  }
  patch(timersPromises, "setTimeout", virtualSleep(timersPromises.setTimeout as RealSleep));
  patch(timersPromises, "setImmediate", virtualSleep(timersPromises.setImmediate as RealSleep, 0));
  patch(globalThis, "Date", virtualDate());
  patch(Math, "random", () => {
    const context = currentContext();
    if (context === undefined) return real.mathRandom();
    const draws = context.checkDraws ?? context.sim;
    return draws.nextInt("Math.random", 2 ** 53) / 2 ** 53;
  });
  patch(globalThis.performance, "now", () => {
    const sim = currentSimulation();
    return sim ? sim.elapsedMs() : real.performanceNow();
  });
  // node:crypto's getRandomValues is a fixed getter that forwards to the Web Crypto object, so
  // patching globalThis.crypto covers both; randomUUID is a separate function on each.
  const webCrypto = globalThis.crypto as unknown as RandomSource;
  patch(webCrypto, "getRandomValues", virtualRandomValues(webCrypto.getRandomValues.bind(webCrypto)));
  for (const target of [crypto, webCrypto] as RandomSource[]) {
    patch(target, "randomUUID", virtualRandomUuid(target.randomUUID.bind(target)));
  }
  syncBuiltinESMExports();
  return () => {
    for (const u of undo.reverse()) u();
    syncBuiltinESMExports();
  };
}

function virtualTimerFunctions(): Record<string, unknown> {
  const set =
    (realSet: (cb: TimerCallback, ms?: number, ...a: unknown[]) => unknown, repeat: boolean) =>
    (callback: TimerCallback, delayMs?: number, ...args: unknown[]): unknown => {
      const sim = currentSimulation();
      if (!sim) return realSet(callback, delayMs, ...args);
      const label = repeat ? "setInterval" : "setTimeout";
      return sim.setTimer(label, () => callback(...args), normaliseDelay(delayMs), repeat);
    };
  const clear =
    (realClear: (handle: never) => void) =>
    (handle: unknown): void => {
      if (handle instanceof VirtualTimeout) handle.close();
      else if (handle !== undefined && handle !== null) realClear(handle as never);
    };
  return {
    setTimeout: set(real.setTimeout as never, false),
    setInterval: set(real.setInterval as never, true),
    setImmediate: (callback: TimerCallback, ...args: unknown[]): unknown => {
      const sim = currentSimulation();
      if (!sim) return real.setImmediate(callback, ...args);
      return sim.setTimer("setImmediate", () => callback(...args), 0, false);
    },
    clearTimeout: clear(real.clearTimeout as never),
    clearInterval: clear(real.clearInterval as never),
    clearImmediate: clear(real.clearImmediate as never),
  };
}

/** Node clamps delays below 1 ms (and non-numbers) to 1 ms; we do the same on virtual time. */
function normaliseDelay(delayMs: unknown): number {
  const n = Number(delayMs);
  return Number.isFinite(n) && n >= 1 && n <= 2_147_483_647 ? Math.floor(n) : 1;
}

type RealSleep = (...args: unknown[]) => Promise<unknown>;

function virtualSleep(realFn: RealSleep, fixedMs?: number): RealSleep {
  const sleep = (...args: unknown[]): Promise<unknown> => {
    const sim = currentSimulation();
    if (!sim) return realFn(...args);
    const delayMs = fixedMs ?? normaliseDelay(args[0]);
    const value = fixedMs === undefined ? args[1] : args[0];
    return new Promise((resolve) => sim.setTimer("timers/promises", () => resolve(value), delayMs, false));
  };
  return sleep;
}

function virtualDate(): DateConstructor {
  const RealDate = real.Date;
  const now = (): number => currentSimulation()?.nowMs() ?? real.dateNow();
  return new Proxy(RealDate, {
    construct(target, args, newTarget) {
      const sim = currentSimulation();
      return Reflect.construct(target, sim && args.length === 0 ? [sim.nowMs()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, key, receiver) {
      return key === "now" ? now : Reflect.get(target, key, receiver);
    },
  });
}

function virtualRandomUuid(realFn: () => string): () => string {
  return () => {
    const context = currentContext();
    if (context === undefined) return realFn();
    const { checkDraws } = context;
    return checkDraws === undefined
      ? context.sim.uuid("crypto.randomUUID")
      : uuidFrom(checkDraws, "crypto.randomUUID");
  };
}

function virtualRandomValues(realFn: GetRandomValues): GetRandomValues {
  return <T extends ArrayBufferView | null>(array: T): T => {
    const context = currentContext();
    if (context === undefined || array === null) return realFn(array as never) as T;
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    if (context.checkDraws === undefined) context.sim.fillRandomBytes("crypto.getRandomValues", bytes);
    else fillBytes(context.checkDraws, "crypto.getRandomValues", bytes);
    return array;
  };
}

import { createHook } from "node:async_hooks";
import net from "node:net";
import { currentSimulation } from "./context.ts";
import { SquallError } from "./errors.ts";
import { creatingOwnRealTimer, real } from "./real.ts";
import { refCounted } from "./ref-counted.ts";

/**
 * Raised when code running inside a simulation reaches for the real world — a network
 * connection, a real timer — which would make the run depend on things outside the seed.
 */
export class SimulationEscapeError extends SquallError {
  override name = "SimulationEscapeError";
}

/**
 * Guards real network sockets: a connection opened from inside a simulation throws
 * {@link SimulationEscapeError} naming the call site, and the simulation records it. Reference-
 * counted like {@link acquireVirtualization}.
 *
 * @example
 * const release = acquireEscapeGuard();
 */
export const acquireEscapeGuard: () => () => void = refCounted(() => {
  timerGuard.enable();
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const sim = currentSimulation();
    if (sim) {
      const error = new SimulationEscapeError(
        `a real network connection${describeTarget(args[0])} was opened inside simulation (seed ${sim.seed}) ` +
          `at ${callSite()}. Simulated code may only reach simulated services: route the call through ` +
          "an AWS SDK client Squall simulates, or run this scenario on the local target.",
      );
      sim.reportEscape(error);
      throw error;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return () => {
    timerGuard.disable();
    net.Socket.prototype.connect = original;
  };
});

// Simulated code gets virtual timers from the patched globals; a real one can only come from a
// reference captured before the patch. Node announces every timer it creates to async hooks, in
// the creator's async context, so the guard sees which simulation created it. A hook must not
// throw, so the escape is reported (the run loop raises it after the action) and the timer
// cancelled before it can fire.
const timerGuard = createHook({
  init(_id, type, _trigger, resource) {
    // Called for every promise too (AsyncLocalStorage turns promise hooks on): the type first.
    if ((type !== "Timeout" && type !== "Immediate") || creatingOwnRealTimer()) return;
    const sim = currentSimulation();
    // While real work handed to awaitReal runs, nothing simulated runs: its timers are its own.
    if (sim === undefined || sim.holdsRealWork()) return;
    sim.reportEscape(
      new SimulationEscapeError(
        `a real timer was scheduled inside simulation (seed ${sim.seed}) at ${callSite()}. ` +
          "It was captured before the simulation started (const t = setTimeout), so virtual time " +
          "cannot drive it: call the global setTimeout at the time of use, or use node:timers/promises.",
      ),
    );
    queueMicrotask(() => {
      if (type === "Timeout") real.clearTimeout(resource as NodeJS.Timeout);
      else real.clearImmediate(resource as NodeJS.Immediate);
    });
  },
});

function describeTarget(first: unknown): string {
  // net.connect() hands Socket#connect its arguments already normalised into an array.
  const options = Array.isArray(first) ? first[0] : first;
  if (typeof options !== "object" || options === null) return "";
  const o = options as { host?: unknown; port?: unknown; path?: unknown };
  if (typeof o.path === "string") return ` to ${o.path}`;
  return ` to ${String(o.host ?? "localhost")}:${String(o.port ?? "?")}`;
}

/** The first stack frame outside Node's internals and Squall's core: the code that escaped. */
export function callSite(): string {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const own = /[\\/]src[\\/]core[\\/][\w-]+(?<!\.test)\.ts/;
  const frame = frames.find((f) => !f.includes("node:") && !own.test(f) && !f.includes("node_modules"));
  return (frame ?? frames.find((f) => !own.test(f)) ?? "an unknown location").trim().replace(/^at /, "");
}

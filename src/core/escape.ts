import net from "node:net";
import { currentSimulation } from "./context.ts";
import { SquallError } from "./errors.ts";
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
    net.Socket.prototype.connect = original;
  };
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

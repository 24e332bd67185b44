import { SquallError } from "../core/errors.ts";
import type { Simulation } from "../core/simulation.ts";
import type { CorrelationNames } from "./call-attributes.ts";

/**
 * How SDK calls reach the simulated services. `fast` intercepts at `send`, command by command;
 * `wire` runs the SDK's whole pipeline against an in-process handler speaking the service's protocol.
 */
export type SdkBridgeMode = "fast" | "wire";

/** What happens to a call to a service the simulation does not simulate (as msw's `onUnhandledRequest`). */
export type UnhandledRequestPolicy = "error" | "bypass";

/** Options of {@link attachSdkBridge}. */
export interface SdkBridgeOptions {
  /** Default `fast`. Both modes give the same results, errors, attempts and virtual times. */
  mode?: SdkBridgeMode;
  /** Default `error`: the call fails naming the service and operation. `bypass` lets it through to the real SDK. */
  onUnhandledRequest?: UnhandledRequestPolicy;
  /** Region a client without one uses inside the simulation (`wire` mode signs with it). Default `us-east-1`. */
  region?: string;
  /** Where `sdk-call` spans look for correlation ids. Default: attribute and field `correlationId`. */
  correlation?: Partial<CorrelationNames>;
}

/** Options with their defaults applied. */
export type ResolvedBridgeOptions = Readonly<Required<Omit<SdkBridgeOptions, "correlation">>> & {
  readonly correlation: CorrelationNames;
};

export const DEFAULT_BRIDGE_OPTIONS: ResolvedBridgeOptions = Object.freeze({
  mode: "fast",
  onUnhandledRequest: "error",
  region: "us-east-1",
  correlation: Object.freeze({ messageAttribute: "correlationId", field: "correlationId" }),
});

const bySimulation = new WeakMap<Simulation, ResolvedBridgeOptions>();

/** Validates options at the edge and remembers them for `sim`. */
export function setBridgeOptions(sim: Simulation, options: SdkBridgeOptions): void {
  const correlation = { ...DEFAULT_BRIDGE_OPTIONS.correlation, ...options.correlation };
  const resolved = { ...DEFAULT_BRIDGE_OPTIONS, ...options, correlation };
  if (resolved.mode !== "fast" && resolved.mode !== "wire") {
    throw new SquallError(`SDK bridge mode must be "fast" or "wire", got ${JSON.stringify(resolved.mode)}`);
  }
  if (resolved.onUnhandledRequest !== "error" && resolved.onUnhandledRequest !== "bypass") {
    throw new SquallError(
      `onUnhandledRequest must be "error" or "bypass", got ${JSON.stringify(resolved.onUnhandledRequest)}`,
    );
  }
  validateCorrelation(correlation);
  bySimulation.set(sim, Object.freeze(resolved));
}

/**
 * Refuses a correlation attribute or field name that is not a non-empty string.
 *
 * @example validateCorrelation({ field: "" }); // throws SquallError naming `correlation.field`
 */
export function validateCorrelation(correlation: Partial<CorrelationNames> | undefined): void {
  for (const [key, name] of Object.entries(correlation ?? {}))
    if (typeof name !== "string" || name === "")
      throw new SquallError(
        `correlation.${key} must be a non-empty string (an attribute or field name), got ${JSON.stringify(name)}`,
      );
}

/** Forgets the options of `sim`. */
export function clearBridgeOptions(sim: Simulation): void {
  bySimulation.delete(sim);
}

/** The options of `sim`, or the defaults when it attached none. */
export function bridgeOptionsOf(sim: Simulation): ResolvedBridgeOptions {
  return bySimulation.get(sim) ?? DEFAULT_BRIDGE_OPTIONS;
}

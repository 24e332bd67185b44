import { SquallError } from "../core/errors.ts";

/** What a fault knob holds: a probability in [0, 1], or a duration in ms ≥ 0 (drawn in whole ms). */
export type FaultKnobKind = "probability" | "ms";

/**
 * Checks the fault knobs a simulated service was given (the plan layer checks plans; this is the
 * service's own edge, for code that builds a service directly) and returns only those set (other
 * members are the caller's to check). Throws a SquallError naming the service, the knob and the value.
 *
 * @example checkFaultKnobs("SNS", { fanOutDelayMsMax: 200 }, { fanOutDelayMsMax: "ms" }) // { fanOutDelayMsMax: 200 }
 */
export function checkFaultKnobs<T extends object>(
  service: string,
  faults: T,
  knobs: Readonly<Partial<Record<keyof T & string, FaultKnobKind>>>,
): T {
  const out: Record<string, number> = {};
  for (const [knob, kind] of Object.entries(knobs) as [string, FaultKnobKind][]) {
    const value = (faults as Record<string, unknown>)[knob];
    if (value === undefined) continue;
    const ok =
      kind === "probability"
        ? typeof value === "number" && value >= 0 && value <= 1
        : typeof value === "number" && Number.isFinite(value) && value >= 0;
    if (!ok)
      throw new SquallError(
        `${service} fault ${knob} must be ${kind === "probability" ? "a number in [0, 1]" : "a duration in ms ≥ 0"}, got ${String(value)}`,
      );
    out[knob] = value as number;
  }
  return out as T;
}

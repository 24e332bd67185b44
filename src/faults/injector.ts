import type { KernelServices } from "../core/services.ts";
import type { FaultKind } from "./plan.ts";

/** How often one fault kind was consulted and how often it fired. */
export interface FaultCount {
  consulted: number;
  fired: number;
}

// Probabilities are drawn at a resolution of one in a million.
const RESOLUTION = 1_000_000;

/**
 * Draws fault decisions from the simulation's choice stream at named points and counts them, so a
 * run can report which faults actually fired (a fault that never fired tested nothing). A point
 * whose fault is off draws nothing: a plan of zeros leaves the choice stream as it was.
 *
 * @example
 * const faults = new FaultInjector(sim);
 * if (faults.fires("sqs.duplicateDelivery", plan.sqs?.duplicateDeliveryProbability, "Orders")) duplicate();
 */
export class FaultInjector {
  private readonly counts = new Map<FaultKind, FaultCount>();

  constructor(private readonly kernel: Pick<KernelServices, "nextInt">) {}

  /** Whether the fault fires now, with the given probability (undefined or 0: never, without drawing). */
  fires(kind: FaultKind, probability: number | undefined, where: string): boolean {
    if (probability === undefined || probability <= 0) return false;
    // Fires on the top of the range, so the simplest choice, 0 (what shrinking lowers draws to,
    // and what a shortened replay returns), means "no fault".
    const fired =
      this.kernel.nextInt(`fault.${kind}.${where}`, RESOLUTION) >= RESOLUTION - probability * RESOLUTION;
    this.count(kind, fired);
    return fired;
  }

  /** A duration in [minMs, maxMs] drawn for the fault (0 without drawing when the fault is off). */
  durationMs(kind: FaultKind, maxMs: number | undefined, where: string, minMs = 0): number {
    if (maxMs === undefined || maxMs <= 0) return 0;
    const span = Math.max(0, Math.round(maxMs) - Math.round(minMs));
    const ms = Math.round(minMs) + this.kernel.nextInt(`fault.${kind}.${where}`, span + 1);
    this.count(kind, ms > 0);
    return ms;
  }

  /** Counts per fault kind consulted so far, in the order first consulted. */
  coverage(): ReadonlyMap<FaultKind, Readonly<FaultCount>> {
    return this.counts;
  }

  private count(kind: FaultKind, fired: boolean): void {
    let count = this.counts.get(kind);
    if (count === undefined) {
      count = { consulted: 0, fired: 0 };
      this.counts.set(kind, count);
    }
    count.consulted++;
    if (fired) count.fired++;
  }
}

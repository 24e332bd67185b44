import type { KernelServices } from "./services.ts";

/** How often one fault kind was consulted and how often it fired. */
export interface FaultCount {
  consulted: number;
  fired: number;
}

/** What a fault draw needs of the kernel: the choice stream, and a place to note the outcome. */
export type FaultKernel = Pick<KernelServices, "nextInt" | "noteFault">;

// Probabilities are drawn at a resolution of one in a million.
const RESOLUTION = 1_000_000;

/**
 * Whether a fault fires now at a named point of a simulated service (`sqs.duplicateDelivery` at
 * queue `Orders`), drawn from the choice stream as `fault.<kind>.<where>`. It fires on the top of
 * the draw's range, so the simplest choice, 0 — what shrinking lowers a draw to, and what a
 * shortened replay returns — means "no fault". A fault that is off draws nothing, so a plan of
 * zeros leaves the choice stream exactly as it was.
 *
 * @example if (faultFires(kernel, "lambda.crashAfterSideEffect", plan.crashAfterSideEffectProbability, fn.name)) …
 */
export function faultFires(
  kernel: FaultKernel,
  kind: string,
  probability: number | undefined,
  where: string,
): boolean {
  if (probability === undefined || probability <= 0) return false;
  const fired = kernel.nextInt(`fault.${kind}.${where}`, RESOLUTION) >= RESOLUTION - probability * RESOLUTION;
  kernel.noteFault?.(kind, where, fired);
  return fired;
}

/**
 * A duration in [minMs, maxMs] for a fault (a delay, a latency), drawn as `fault.<kind>.<where>`;
 * 0 without a draw when the fault is off. 0 drawn is `minMs`: the simplest delay. With `floorIsBaseline`
 * (a latency range), a draw at `minMs` counts as not fired: the floor is the service's ordinary
 * speed, not a fault, and a shrunk story shows none; else (a cold-start override) it fired.
 *
 * @example const delayMs = faultDurationMs(kernel, "sqs.deliveryDelay", plan.deliveryDelayMsMax, queue);
 */
export function faultDurationMs(
  kernel: FaultKernel,
  kind: string,
  maxMs: number | undefined,
  where: string,
  minMs = 0,
  floorIsBaseline = false,
): number {
  if (maxMs === undefined || maxMs <= 0) return 0;
  const low = Math.round(minMs);
  const ms = low + kernel.nextInt(`fault.${kind}.${where}`, Math.max(0, Math.round(maxMs) - low) + 1);
  kernel.noteFault?.(kind, where, floorIsBaseline ? ms > low : ms > 0);
  return ms;
}

/**
 * The faults a run consulted and fired, by kind: what a search reports as coverage, so a fault
 * that never fired is not mistaken for one that was tested.
 *
 * @example ledger.note("sqs.duplicateDelivery", true); ledger.counts.get("sqs.duplicateDelivery") // { consulted: 1, fired: 1 }
 */
export class FaultLedger {
  readonly counts = new Map<string, FaultCount>();

  note(kind: string, fired: boolean): void {
    let count = this.counts.get(kind);
    if (count === undefined) {
      count = { consulted: 0, fired: 0 };
      this.counts.set(kind, count);
    }
    count.consulted++;
    if (fired) count.fired++;
  }
}

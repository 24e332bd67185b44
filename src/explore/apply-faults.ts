import { FaultPlanError } from "../faults/fault-plan-error.ts";
import type { FaultPlan } from "../faults/plan.ts";
import type { SimulateOptions } from "../targets/sim/simulated-cloud.ts";

// The knobs the simulated services apply today, by section. Anything else in a plan is refused
// by name rather than silently ignored.
const APPLIED: Readonly<Record<string, readonly string[]>> = {
  sqs: ["duplicateDeliveryProbability", "reorderWindowMs"],
};

/**
 * The simulation options that apply a fault plan. A knob the simulation does not apply yet is a
 * {@link FaultPlanError} naming it — a search that silently skipped a fault would report a green
 * run as tested.
 *
 * @example simulationFaults({ sqs: { duplicateDeliveryProbability: 0.2 } }) // { delivery: { duplicateDeliveryProbability: 0.2 } }
 */
export function simulationFaults(plan: FaultPlan): Pick<SimulateOptions, "delivery"> {
  for (const [section, knobs] of Object.entries(plan)) {
    for (const [knob, value] of Object.entries(knobs as Record<string, unknown>)) {
      if (value === undefined || value === 0) continue;
      if (!(APPLIED[section] ?? []).includes(knob))
        throw new FaultPlanError(
          `faults.${section}.${knob}`,
          `is not applied by the simulation yet (applied: ${Object.entries(APPLIED)
            .flatMap(([s, ks]) => ks.map((k) => `${s}.${k}`))
            .join(", ")}); set it to 0 or leave it out`,
        );
    }
  }
  const sqs = plan.sqs;
  if (sqs === undefined) return {};
  return {
    delivery: {
      ...(sqs.duplicateDeliveryProbability === undefined
        ? {}
        : { duplicateDeliveryProbability: sqs.duplicateDeliveryProbability }),
      ...(sqs.reorderWindowMs === undefined ? {} : { reorderWindowMs: sqs.reorderWindowMs }),
    },
  };
}

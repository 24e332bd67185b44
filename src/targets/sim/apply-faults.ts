import type { DeliveryFaults } from "../../cloud/queue/options.ts";
import { FaultPlanError } from "../../faults/fault-plan-error.ts";
import type { FaultPlan } from "../../faults/plan.ts";
import { validateFaultPlan } from "../../faults/validate-plan.ts";

// The knobs the simulated services apply today, by section. Anything else in a plan is refused
// by name rather than silently ignored.
const APPLIED: Readonly<Record<string, readonly string[]>> = {
  sqs: ["duplicateDeliveryProbability", "reorderWindowMs", "redeliveryProbability", "deliveryDelayMsMax"],
};

/** The fault knobs of each simulated service, taken from a plan. */
export interface ServiceFaults {
  readonly sqs: DeliveryFaults;
}

/**
 * Checks a fault plan and splits it into the knobs of each simulated service. A knob the
 * simulation does not apply yet is a {@link FaultPlanError} naming it — a search that silently
 * skipped a fault would report a green run as tested.
 *
 * @example serviceFaults({ sqs: { duplicateDeliveryProbability: 0.2 } }).sqs // { duplicateDeliveryProbability: 0.2 }
 */
export function serviceFaults(plan: FaultPlan): ServiceFaults {
  validateFaultPlan(plan);
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
  return { sqs: { ...plan.sqs } };
}

/** Every knob off: what the liveness phase sets once the fault phase is over. */
export const NO_DELIVERY_FAULTS: Required<DeliveryFaults> = {
  duplicateDeliveryProbability: 0,
  reorderWindowMs: 0,
  redeliveryProbability: 0,
  deliveryDelayMsMax: 0,
};

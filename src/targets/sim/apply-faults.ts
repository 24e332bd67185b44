import type { StreamFaultOptions } from "../../cloud/lambda/event-sources/stream-faults.ts";
import type { LambdaFaultOptions } from "../../cloud/lambda/faults.ts";
import type { DeliveryFaults } from "../../cloud/queue/options.ts";
import { type DynamoDbFaultOptions, THROTTLED_OPERATIONS } from "../../cloud/table/faults.ts";
import type { SnsFaultOptions } from "../../cloud/topic/model.ts";
import { FaultPlanError } from "../../faults/fault-plan-error.ts";
import type { FaultPlan } from "../../faults/plan.ts";
import { validateFaultPlan } from "../../faults/validate-plan.ts";
import type { PhysicalNames } from "./names.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

// The knobs the simulated services apply today, by section. Anything else in a plan is refused
// by name rather than silently ignored.
const APPLIED: Readonly<Record<string, readonly string[]>> = {
  sqs: ["duplicateDeliveryProbability", "reorderWindowMs", "redeliveryProbability", "deliveryDelayMsMax"],
  sns: ["duplicateNotificationProbability", "fanOutDelayMsMax"],
  streams: ["batchFailureProbability", "recordDelayMsMax"],
  dynamodb: ["throttleProbability", "readLagMsMax", "latencyMsMin", "latencyMsMax", "tables"],
  lambda: [
    "crashAfterSideEffectProbability",
    "timeoutProbability",
    "throttleProbability",
    "coldStartMsMin",
    "coldStartMsMax",
    "functions",
  ],
};

/** The fault knobs of each simulated service, taken from a plan. */
export interface ServiceFaults {
  readonly sqs: DeliveryFaults;
  readonly sns: SnsFaultOptions;
  readonly streams: StreamFaultOptions;
  /** With `tables` by logical name: {@link physicalTableFaults} maps them for the table service. */
  readonly dynamodb: DynamoDbFaultOptions;
  /** With `functions` by logical name: {@link physicalFunctionFaults} maps them for the Lambda service. */
  readonly lambda: LambdaFaultOptions;
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
  const { latencyMsMin, latencyMsMax } = plan.dynamodb ?? {};
  if (latencyMsMin !== undefined && latencyMsMin > 0 && latencyMsMax === undefined)
    throw new FaultPlanError(
      "faults.dynamodb.latencyMsMin",
      "needs latencyMsMax, the top of the latency range; set both",
    );
  return {
    sqs: { ...plan.sqs },
    sns: { ...plan.sns },
    streams: { ...plan.streams },
    dynamodb: { ...plan.dynamodb },
    lambda: { ...plan.lambda },
  };
}

/**
 * The Lambda knobs with `functions` renamed from the app's logical names to the physical ones the
 * Lambda service knows. A function the app does not have is a {@link FaultPlanError} naming its path.
 *
 * @example physicalFunctionFaults({ functions: { reserve: { timeoutProbability: 1 } } }, names) // { functions: { "pr-1-reserve": … } }
 */
export function physicalFunctionFaults(faults: LambdaFaultOptions, names: PhysicalNames): LambdaFaultOptions {
  if (faults.functions === undefined) return faults;
  return {
    ...faults,
    functions: physicalKeys(faults.functions, "function", names, "faults.lambda.functions"),
  };
}

/**
 * The DynamoDB knobs with `tables` renamed from the app's logical names to the physical ones
 * the table service knows. A table the app does not have, or an operation that is never
 * throttled, is a {@link FaultPlanError} naming its path.
 *
 * @example physicalTableFaults({ tables: { Orders: { throttleProbability: 0.1 } } }, names) // { tables: { "pr-1-Orders": … } }
 */
export function physicalTableFaults(
  faults: DynamoDbFaultOptions,
  names: PhysicalNames,
): DynamoDbFaultOptions {
  if (faults.tables === undefined) return faults;
  const tables = physicalKeys(faults.tables, "table", names, "faults.dynamodb.tables", (path, table) => {
    for (const operation of Object.keys(table.operations ?? {}))
      if (!THROTTLED_OPERATIONS.includes(operation))
        throw new FaultPlanError(
          `${path}.operations.${operation}`,
          `is not an operation DynamoDB throttles; use one of ${THROTTLED_OPERATIONS.join(", ")}`,
        );
  });
  return { ...faults, tables };
}

// A plan's per-resource knobs, keyed by the app's logical names, rekeyed by physical names: an
// unknown name is refused at its path, then `check` looks at each entry.
function physicalKeys<T>(
  byLogical: Readonly<Record<string, T>>,
  kind: "table" | "function",
  names: PhysicalNames,
  at: string,
  check?: (path: string, value: T) => void,
): Record<string, T> {
  const known = Object.keys(kind === "table" ? names.app.tables : names.app.functions);
  const physical: Record<string, T> = {};
  for (const [logical, value] of Object.entries(byLogical)) {
    const path = `${at}.${logical}`;
    if (!known.includes(logical))
      throw new FaultPlanError(
        path,
        `names no ${kind} of app "${names.app.name}" (its ${kind}s: ${known.join(", ") || "none"})`,
      );
    check?.(path, value);
    physical[names.name(logical, kind)] = value;
  }
  return physical;
}

/** Every SQS knob off: what the liveness phase sets once the fault phase is over. */
export const NO_DELIVERY_FAULTS: Required<DeliveryFaults> = {
  duplicateDeliveryProbability: 0,
  reorderWindowMs: 0,
  redeliveryProbability: 0,
  deliveryDelayMsMax: 0,
};

/**
 * Switches every fault of the simulated services off: the liveness phase, in which the system
 * must drain. Deliveries already delayed or duplicated stay as they were drawn. (DynamoDB's
 * latency fault goes with its other knobs: the registry asks the service for it per call.)
 *
 * @example switchFaultsOff(cloud); await cloud.sim.runUntilIdle({ maxVirtualMs: boundMs });
 */
export function switchFaultsOff(cloud: SimulatedCloud): void {
  cloud.sqs.setDeliveryFaults(NO_DELIVERY_FAULTS);
  cloud.sns.setFaults({});
  cloud.dynamodb.setFaults({});
  cloud.eventSources.setStreamFaults({});
  cloud.lambda.setFaults({});
}

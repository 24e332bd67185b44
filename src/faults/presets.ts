import { Sfc32 } from "../core/prng.ts";
import { FaultPlanError } from "./fault-plan-error.ts";
import type { FaultKind, FaultPlan } from "./plan.ts";

/** The named presets a run can start from (`--faults realistic`). */
export type FaultPreset = "none" | "realistic" | "chaos" | "swarm";

/**
 * What production shows on a bad day rather than an average one: rare duplicates and throttles,
 * reordering within a second, reads lagging by tens of ms. (SQS documents at-least-once delivery
 * without rates; these are starting points for a search, not measurements.)
 */
const REALISTIC: FaultPlan = {
  sqs: {
    duplicateDeliveryProbability: 0.01,
    redeliveryProbability: 0.01,
    reorderWindowMs: 1_000,
    deliveryDelayMsMax: 200,
  },
  sns: { duplicateNotificationProbability: 0.005, fanOutDelayMsMax: 100 },
  streams: { batchFailureProbability: 0.01, recordDelayMsMax: 500 },
  dynamodb: { throttleProbability: 0.01, readLagMsMax: 100, latencyMsMin: 2, latencyMsMax: 10 },
  lambda: { crashAfterSideEffectProbability: 0.005, timeoutProbability: 0.002, throttleProbability: 0.005 },
};

/** Every fault often: for finding bugs fast, not for estimating how often they happen. */
const CHAOS: FaultPlan = {
  sqs: {
    duplicateDeliveryProbability: 0.2,
    redeliveryProbability: 0.1,
    reorderWindowMs: 5_000,
    deliveryDelayMsMax: 2_000,
  },
  sns: { duplicateNotificationProbability: 0.1, fanOutDelayMsMax: 2_000 },
  streams: { batchFailureProbability: 0.1, recordDelayMsMax: 5_000 },
  dynamodb: { throttleProbability: 0.1, readLagMsMax: 1_000, latencyMsMin: 1, latencyMsMax: 200 },
  lambda: {
    crashAfterSideEffectProbability: 0.05,
    timeoutProbability: 0.02,
    throttleProbability: 0.05,
    coldStartMsMin: 100,
    coldStartMsMax: 8_000,
  },
};

// Swarm mode: each kind, when switched on, gets an intensity u in (0, 1] scaling its chaos level.
const SWARM_KINDS: Readonly<Record<FaultKind, (u: number) => FaultPlan>> = {
  "sqs.duplicateDelivery": (u) => ({ sqs: { duplicateDeliveryProbability: 0.3 * u } }),
  "sqs.redelivery": (u) => ({ sqs: { redeliveryProbability: 0.2 * u } }),
  "sqs.reorder": (u) => ({ sqs: { reorderWindowMs: Math.round(5_000 * u) } }),
  "sqs.deliveryDelay": (u) => ({ sqs: { deliveryDelayMsMax: Math.round(2_000 * u) } }),
  "sns.duplicateNotification": (u) => ({ sns: { duplicateNotificationProbability: 0.2 * u } }),
  "sns.fanOutDelay": (u) => ({ sns: { fanOutDelayMsMax: Math.round(2_000 * u) } }),
  "streams.batchFailure": (u) => ({ streams: { batchFailureProbability: 0.2 * u } }),
  "streams.recordDelay": (u) => ({ streams: { recordDelayMsMax: Math.round(5_000 * u) } }),
  "dynamodb.throttle": (u) => ({ dynamodb: { throttleProbability: 0.2 * u } }),
  "dynamodb.readLag": (u) => ({ dynamodb: { readLagMsMax: Math.round(1_000 * u) } }),
  "dynamodb.latency": (u) => ({ dynamodb: { latencyMsMin: 1, latencyMsMax: 1 + Math.round(200 * u) } }),
  "lambda.crashAfterSideEffect": (u) => ({ lambda: { crashAfterSideEffectProbability: 0.1 * u } }),
  "lambda.timeout": (u) => ({ lambda: { timeoutProbability: 0.05 * u } }),
  "lambda.throttle": (u) => ({ lambda: { throttleProbability: 0.1 * u } }),
  "lambda.coldStart": (u) => ({
    lambda: { coldStartMsMin: 100, coldStartMsMax: 100 + Math.round(15_000 * u) },
  }),
};

/** Every fault kind, in a fixed order. */
export const FAULT_KINDS = Object.keys(SWARM_KINDS) as FaultKind[];

/**
 * Swarm testing: a random half of the fault kinds switched on, each at a random intensity up to
 * its chaos level, chosen from the seed alone — so a seed names its plan, and shrinking the run's
 * choices never changes which faults are on.
 *
 * @example swarmPlan(42) // e.g. { sqs: { reorderWindowMs: 3120 }, lambda: { timeoutProbability: 0.013 } }
 */
export function swarmPlan(seed: number): FaultPlan {
  const rng = new Sfc32(seed ^ 0x5a17_c0de);
  let plan: FaultPlan = {};
  for (const kind of FAULT_KINDS) {
    if (rng.nextInt(2) === 0) continue;
    const u = (1 + rng.nextInt(1_000)) / 1_000;
    plan = mergeFaultPlans(plan, SWARM_KINDS[kind](u));
  }
  return plan;
}

/**
 * The plan of a preset; `swarm` needs the run's seed.
 *
 * @example faultPreset("realistic").sqs?.duplicateDeliveryProbability // 0.01
 */
export function faultPreset(preset: FaultPreset, seed = 0): FaultPlan {
  switch (preset) {
    case "none":
      return {};
    case "realistic":
      return REALISTIC;
    case "chaos":
      return CHAOS;
    case "swarm":
      return swarmPlan(seed);
    default:
      throw new FaultPlanError(
        "faults",
        `unknown preset ${JSON.stringify(preset)}; use none, realistic, chaos or swarm`,
      );
  }
}

/**
 * A plan with `override`'s knobs over `base`'s, section by section (and table by table, function
 * by function): how an app's own fault settings refine a preset.
 *
 * @example mergeFaultPlans(faultPreset("realistic"), { lambda: { timeoutProbability: 0 } })
 */
export function mergeFaultPlans(base: FaultPlan, override: FaultPlan): FaultPlan {
  const merged: Record<string, unknown> = { ...base };
  for (const [service, section] of Object.entries(override)) {
    const before = (base as Record<string, Record<string, unknown> | undefined>)[service] ?? {};
    const after = { ...before, ...(section as Record<string, unknown>) };
    for (const nested of ["tables", "functions"]) {
      const byName = (section as Record<string, Record<string, object> | undefined>)[nested];
      if (byName === undefined) continue;
      const baseByName = (before as Record<string, Record<string, object> | undefined>)[nested] ?? {};
      const mergedByName: Record<string, object> = { ...baseByName };
      for (const [name, faults] of Object.entries(byName))
        mergedByName[name] = { ...baseByName[name], ...faults };
      after[nested] = mergedByName;
    }
    merged[service] = after;
  }
  return merged as FaultPlan;
}

/**
 * The fault kinds a plan switches on (knobs above 0), named as coverage counts them.
 *
 * @example kindsOf({ sqs: { reorderWindowMs: 500 }, lambda: { timeoutProbability: 0.1 } }) // ["sqs.reorder", "lambda.timeout"]
 */
export function kindsOf(plan: FaultPlan): FaultKind[] {
  const kinds = new Set<FaultKind>();
  const add = (section: string, knobs: Record<string, unknown>) => {
    for (const [knob, value] of Object.entries(knobs)) {
      if (knob === "functions") {
        for (const own of Object.values(value as Record<string, Record<string, unknown>>)) add(section, own);
        continue;
      }
      const on =
        knob === "tables" ? Object.keys(value as object).length > 0 : typeof value === "number" && value > 0;
      if (!on) continue;
      const name = knob === "tables" ? "throttle" : knob.replace(/(Probability|WindowMs|MsMax|MsMin)$/, "");
      kinds.add(`${section}.${name}` as FaultKind);
    }
  };
  for (const [section, knobs] of Object.entries(plan)) add(section, knobs as Record<string, unknown>);
  return FAULT_KINDS.filter((kind) => kinds.has(kind));
}

import { FaultPlanError } from "./fault-plan-error.ts";
import type { FaultPlan } from "./plan.ts";

type Knob = "probability" | "ms";

// Every knob a plan may set. A knob not listed is a fault Squall does not model: rejected, never ignored.
const KNOBS: Readonly<Record<string, Readonly<Record<string, Knob>>>> = {
  sqs: {
    duplicateDeliveryProbability: "probability",
    redeliveryProbability: "probability",
    reorderWindowMs: "ms",
    deliveryDelayMsMax: "ms",
  },
  sns: { duplicateNotificationProbability: "probability", fanOutDelayMsMax: "ms" },
  streams: { batchFailureProbability: "probability", recordDelayMsMax: "ms" },
  dynamodb: {
    throttleProbability: "probability",
    readLagMsMax: "ms",
    latencyMsMin: "ms",
    latencyMsMax: "ms",
  },
  lambda: {
    crashAfterSideEffectProbability: "probability",
    timeoutProbability: "probability",
    throttleProbability: "probability",
    coldStartMsMin: "ms",
    coldStartMsMax: "ms",
  },
};

// Sections that also take knobs per resource, by the app's logical names.
const NESTED: Readonly<Record<string, readonly string[]>> = { dynamodb: ["tables"], lambda: ["functions"] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function checkKnob(path: string, kind: Knob, value: unknown): void {
  if (kind === "probability" && !(typeof value === "number" && value >= 0 && value <= 1))
    throw new FaultPlanError(path, `must be a probability, a number in [0, 1]; got ${JSON.stringify(value)}`);
  if (kind === "ms" && !(typeof value === "number" && Number.isFinite(value) && value >= 0))
    throw new FaultPlanError(path, `must be a duration in ms, a number ≥ 0; got ${JSON.stringify(value)}`);
}

function unknownKey(path: string, key: string, known: readonly string[]): FaultPlanError {
  return new FaultPlanError(
    `${path}.${key}`,
    `is not a fault Squall models (known here: ${known.join(", ")}); remove it or fix its spelling`,
  );
}

function checkRange(path: string, section: Record<string, unknown>, min: string, max: string): void {
  const low = section[min];
  const high = section[max];
  if (typeof low === "number" && typeof high === "number" && low > high)
    throw new FaultPlanError(`${path}.${min}`, `is ${low}, above ${max} (${high}); swap them`);
}

// A range's bottom without its top has no range to be the bottom of (the top alone starts at 0).
function checkHasMax(
  path: string,
  section: Record<string, unknown>,
  min: string,
  max: string,
  what: string,
): void {
  const low = section[min];
  if (typeof low === "number" && low > 0 && section[max] === undefined)
    throw new FaultPlanError(`${path}.${min}`, `needs ${max}, the top of the ${what} range; set both`);
}

function checkLambdaKnobs(path: string, section: Record<string, unknown>): void {
  checkRange(path, section, "coldStartMsMin", "coldStartMsMax");
  checkHasMax(path, section, "coldStartMsMin", "coldStartMsMax", "cold-start");
}

function checkFunctions(path: string, functions: unknown): void {
  if (!isRecord(functions))
    throw new FaultPlanError(path, "must be an object of function name → Lambda faults");
  const knobs = KNOBS.lambda ?? {};
  for (const [name, faults] of Object.entries(functions)) {
    const at = `${path}.${name}`;
    if (!isRecord(faults))
      throw new FaultPlanError(at, "must be an object like { crashAfterSideEffectProbability: 0.1 }");
    for (const [key, value] of Object.entries(faults)) {
      const kind = knobs[key];
      if (kind === undefined) throw unknownKey(at, key, Object.keys(knobs));
      checkKnob(`${at}.${key}`, kind, value);
    }
    checkLambdaKnobs(at, faults);
  }
}

function checkTables(path: string, tables: unknown): void {
  if (!isRecord(tables)) throw new FaultPlanError(path, "must be an object of table name → table faults");
  for (const [table, faults] of Object.entries(tables)) {
    const at = `${path}.${table}`;
    if (!isRecord(faults))
      throw new FaultPlanError(at, "must be an object like { throttleProbability: 0.1 }");
    for (const [key, value] of Object.entries(faults)) {
      if (key === "throttleProbability") checkKnob(`${at}.${key}`, "probability", value);
      else if (key === "operations") {
        if (!isRecord(value))
          throw new FaultPlanError(`${at}.operations`, "must map operation names to probabilities");
        for (const [operation, p] of Object.entries(value))
          checkKnob(`${at}.operations.${operation}`, "probability", p);
      } else throw unknownKey(at, key, ["throttleProbability", "operations"]);
    }
  }
}

/**
 * Checks a plan given as data (from a config file, say) and returns it typed. Throws
 * {@link FaultPlanError} naming the first bad path, under `path` (default `faults`).
 *
 * @example const plan = validateFaultPlan(JSON.parse(text), "squall.config.ts: faults");
 */
export function validateFaultPlan(plan: unknown, path = "faults"): FaultPlan {
  if (!isRecord(plan))
    throw new FaultPlanError(path, "must be an object like { sqs: { duplicateDeliveryProbability: 0.1 } }");
  for (const [service, section] of Object.entries(plan)) {
    const knobs = KNOBS[service];
    if (knobs === undefined) throw unknownKey(path, service, Object.keys(KNOBS));
    const at = `${path}.${service}`;
    if (!isRecord(section)) throw new FaultPlanError(at, "must be an object of fault knobs");
    for (const [key, value] of Object.entries(section)) {
      if (service === "dynamodb" && key === "tables") checkTables(`${at}.tables`, value);
      else if (service === "lambda" && key === "functions") checkFunctions(`${at}.functions`, value);
      else if (knobs[key] === undefined)
        throw unknownKey(at, key, [...Object.keys(knobs), ...(NESTED[service] ?? [])]);
      else checkKnob(`${at}.${key}`, knobs[key], value);
    }
    checkRange(at, section, "latencyMsMin", "latencyMsMax");
    if (service === "lambda") checkLambdaKnobs(at, section);
  }
  return plan as FaultPlan;
}

/** The knob names of each section, for tools that list or generate plans (swarm mode). */
export const FAULT_KNOBS = KNOBS;

import { describe, expect, it } from "vitest";
import { FaultPlanError } from "./fault-plan-error.ts";
import { FAULT_KINDS, faultPreset, kindsOf, mergeFaultPlans, swarmPlan } from "./presets.ts";
import { validateFaultPlan } from "./validate-plan.ts";

describe("validateFaultPlan", () => {
  it("accepts every preset and swarm plans", () => {
    for (const preset of ["none", "realistic", "chaos"] as const)
      expect(validateFaultPlan(faultPreset(preset))).toEqual(faultPreset(preset));
    for (let seed = 0; seed < 50; seed++) expect(() => validateFaultPlan(swarmPlan(seed))).not.toThrow();
  });

  it.each([
    [
      { sqs: { duplicateDeliveryProbability: 1.5 } },
      "faults.sqs.duplicateDeliveryProbability: must be a probability",
    ],
    [{ sqs: { reorderWindowMs: -1 } }, "faults.sqs.reorderWindowMs: must be a duration in ms"],
    [
      { sqs: { duplicates: 0.1 } },
      "faults.sqs.duplicates: is not a fault Squall models (known here: duplicateDeliveryProbability",
    ],
    [
      { eventbridge: {} },
      "faults.eventbridge: is not a fault Squall models (known here: sqs, sns, streams, dynamodb, lambda)",
    ],
    [
      { dynamodb: { tables: { Inventory: { operations: { PutItem: 2 } } } } },
      "faults.dynamodb.tables.Inventory.operations.PutItem: must be a probability",
    ],
    [
      { lambda: { coldStartMsMin: 900, coldStartMsMax: 100 } },
      "faults.lambda.coldStartMsMin: is 900, above coldStartMsMax (100); swap them",
    ],
    [
      { lambda: { coldStartMsMin: 900 } },
      "faults.lambda.coldStartMsMin: needs coldStartMsMax, the top of the cold-start range; set both",
    ],
    [
      { lambda: { functions: { reserve: { crashProbability: 0.1 } } } },
      "faults.lambda.functions.reserve.crashProbability: is not a fault Squall models (known here: crashAfterSideEffectProbability",
    ],
    [
      { lambda: { functions: { reserve: { coldStartMsMin: 10, coldStartMsMax: 5 } } } },
      "faults.lambda.functions.reserve.coldStartMsMin: is 10, above coldStartMsMax (5); swap them",
    ],
    [
      { lambda: { function: {} } },
      "faults.lambda.function: is not a fault Squall models (known here: crashAfterSideEffectProbability, timeoutProbability, throttleProbability, coldStartMsMin, coldStartMsMax, functions)",
    ],
    [[], "faults: must be an object"],
  ])("rejects %j naming the path", (plan, message) => {
    expect(() => validateFaultPlan(plan)).toThrow(FaultPlanError);
    expect(() => validateFaultPlan(plan)).toThrow(message);
  });
});

describe("presets", () => {
  it("swarm plans come from the seed alone, switch on different subsets and stay within chaos", () => {
    expect(swarmPlan(7)).toEqual(swarmPlan(7));
    const subsets = new Set(
      Array.from({ length: 20 }, (_, seed) => JSON.stringify(Object.keys(swarmPlan(seed)))),
    );
    expect(subsets.size).toBeGreaterThan(3);
    for (let seed = 0; seed < 50; seed++) {
      const p = swarmPlan(seed).sqs?.duplicateDeliveryProbability;
      if (p !== undefined) expect(p).toBeLessThanOrEqual(0.3);
    }
    expect(() => faultPreset("nope" as never)).toThrow(/unknown preset "nope"/);
  });

  it("merges an app's overrides over a preset, table by table", () => {
    const merged = mergeFaultPlans(
      {
        sqs: { duplicateDeliveryProbability: 0.1 },
        dynamodb: { tables: { A: { throttleProbability: 0.1 } } },
      },
      { sqs: { reorderWindowMs: 10 }, dynamodb: { tables: { A: { operations: { PutItem: 0.5 } }, B: {} } } },
    );
    expect(merged).toEqual({
      sqs: { duplicateDeliveryProbability: 0.1, reorderWindowMs: 10 },
      dynamodb: { tables: { A: { throttleProbability: 0.1, operations: { PutItem: 0.5 } }, B: {} } },
    });
  });

  it("merges Lambda's faults function by function", () => {
    const merged = mergeFaultPlans(
      { lambda: { throttleProbability: 0.1, functions: { a: { timeoutProbability: 0.2 } } } },
      { lambda: { functions: { a: { coldStartMsMax: 500 }, b: { throttleProbability: 0 } } } },
    );
    expect(merged).toEqual({
      lambda: {
        throttleProbability: 0.1,
        functions: { a: { timeoutProbability: 0.2, coldStartMsMax: 500 }, b: { throttleProbability: 0 } },
      },
    });
    expect(validateFaultPlan(merged)).toBe(merged);
  });

  it("names fifteen fault kinds, and the ones a plan switches on", () => {
    expect(FAULT_KINDS).toHaveLength(15);
    expect(kindsOf(faultPreset("chaos"))).toEqual(FAULT_KINDS);
    expect(
      kindsOf({
        sqs: { reorderWindowMs: 0, duplicateDeliveryProbability: 0.1 },
        dynamodb: { tables: { A: {} } },
      }),
    ).toEqual(["sqs.duplicateDelivery", "dynamodb.throttle"]);
    expect(
      kindsOf({
        lambda: {
          throttleProbability: 0,
          functions: { a: { coldStartMsMax: 900 }, b: { timeoutProbability: 0 } },
        },
      }),
    ).toEqual(["lambda.coldStart"]);
  });
});

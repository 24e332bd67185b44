import { describe, expect, it } from "vitest";
import { FakeKernel } from "../table/testing/fake-kernel.ts";
import { defaultColdStartModel, drawInitDurationMs } from "./cold-start.ts";
import { type LambdaFunctionDefinition, resolveFunction } from "./definition.ts";

const where = { region: "eu-west-1", accountId: "111122223333" };
const resolve = (extra: Partial<LambdaFunctionDefinition>) =>
  resolveFunction({ name: "reserveStock", handler: "src/reserve.ts#handler", ...extra }, where);

describe("resolveFunction", () => {
  it("applies Lambda's defaults and builds the ARN", () => {
    expect(resolve({})).toMatchObject({
      arn: "arn:aws:lambda:eu-west-1:111122223333:function:reserveStock",
      handlerFile: "src/reserve.ts",
      handlerExport: "handler",
      timeoutMs: 3_000,
      memorySizeMb: 128,
      runtime: "nodejs20.x",
      reservedConcurrency: undefined,
      provisionedConcurrency: 0,
      maximumRetryAttempts: 2,
      maximumEventAgeMs: 21_600_000,
    });
  });

  it.each([
    [{ timeoutSeconds: 901 }, /"reserveStock": timeoutSeconds is 901: use a whole number in 1..900/],
    [{ memorySizeMb: 64 }, /memorySizeMb is 64: use a whole number in 128..10240/],
    [
      { runtime: "python3.12" as never },
      /runtime "python3.12" is not supported: use nodejs18.x, nodejs20.x, nodejs22.x/,
    ],
    [
      { handler: "src/reserve.ts" },
      /handler "src\/reserve.ts" must look like "path\/to\/file.ts#exportName"/,
    ],
    [
      { provisionedConcurrency: 3, reservedConcurrency: 2 },
      /provisionedConcurrency \(3\) exceeds reservedConcurrency \(2\)/,
    ],
    [{ maximumRetryAttempts: 3 }, /maximumRetryAttempts is 3: use a whole number in 0..2/],
    [{ coldStartMs: { minMs: 500, maxMs: 100 } }, /coldStartMs \{minMs: 500, maxMs: 100\} is invalid/],
    [
      { onFailureDestinationArn: "arn:aws:events:eu-west-1:111122223333:event-bus/x" },
      /EventBridge and S3 destinations are not simulated/,
    ],
    [
      { deadLetterTargetArn: "arn:aws:lambda:eu-west-1:111122223333:function:f" },
      /must be the ARN of an SQS queue or SNS topic/,
    ],
  ])("rejects %o with a message naming the function, field and fix", (extra, message) => {
    expect(() => resolve(extra)).toThrow(message);
  });
});

describe("cold-start model", () => {
  it("grows with smaller memory, bigger packages and a VPC, and reaches the seed's figures in the tail", () => {
    const small = defaultColdStartModel(resolve({ memorySizeMb: 1024 }));
    const slow = defaultColdStartModel(resolve({ memorySizeMb: 128, packageSizeMb: 250 }));
    const vpc = defaultColdStartModel(resolve({ memorySizeMb: 128, packageSizeMb: 250, vpc: true }));
    expect(small.typical).toEqual({ minMs: 122, maxMs: 254 });
    expect(slow.typical.maxMs).toBeGreaterThan(small.typical.maxMs * 2);
    expect(slow.tail.maxMs).toBeGreaterThanOrEqual(8_000);
    expect(vpc.tail.maxMs).toBeGreaterThan(15_000);
    expect(vpc.tailProbability).toBeGreaterThan(slow.tailProbability);
  });

  it("draws from the choice stream within the model's bounds, and honours an override", () => {
    const model = defaultColdStartModel(resolve({ vpc: true }));
    const kernel = new FakeKernel({ seed: 3 });
    const draws = Array.from({ length: 500 }, () => drawInitDurationMs(kernel, "reserveStock", model));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(model.typical.minMs);
    expect(Math.max(...draws)).toBeLessThanOrEqual(model.tail.maxMs);
    expect(draws.filter((d) => d > model.typical.maxMs).length).toBeGreaterThan(0);
    const fixed = defaultColdStartModel(resolve({ coldStartMs: { minMs: 700, maxMs: 700 } }));
    expect(drawInitDurationMs(kernel, "reserveStock", fixed)).toBe(700);
  });
});

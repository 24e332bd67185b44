import { describe, expect, it } from "vitest";
import { lambdaDefinitionFromApp } from "./from-app.ts";

describe("lambdaDefinitionFromApp", () => {
  it("resolves references and destinations and keeps absent settings absent", () => {
    const def = lambdaDefinitionFromApp(
      "pr-1-reserveStock",
      {
        handler: "src/reserve.ts#handler",
        memoryMb: 512,
        coldStartMs: { minMs: 100, maxMs: 900 },
        environment: { MODE: "safe", TABLE: { ref: "Inventory", attribute: "name", kind: "table" } },
        onFailure: { queue: "Failures" },
      },
      {
        resolve: (ref) => `pr-1-${ref.ref}`,
        destinationArn: () => "arn:aws:sqs:us-east-1:123456789012:pr-1-Failures",
      },
    );
    expect(def).toEqual({
      name: "pr-1-reserveStock",
      handler: "src/reserve.ts#handler",
      environment: { MODE: "safe", TABLE: "pr-1-Inventory" },
      memorySizeMb: 512,
      coldStartMs: { minMs: 100, maxMs: 900 },
      onFailureDestinationArn: "arn:aws:sqs:us-east-1:123456789012:pr-1-Failures",
    });
  });
});

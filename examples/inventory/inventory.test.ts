import { describe, expect, it } from "vitest";
import { runScenarios } from "../../src/public/index.ts";
import config from "./squall.config.ts";

// The acceptance test of the example, as a user of Squall would write it.
describe("the inventory example", () => {
  it("catches the naive reserveStock: duplicate deliveries reserve twice (same seed, same failure)", async () => {
    const [first] = await runScenarios(config, { scenario: "black-friday", variant: "naive", seed: 1 });
    const [again] = await runScenarios(config, { scenario: "black-friday", variant: "naive", seed: 1 });
    expect(first?.passed).toBe(false);
    expect(first?.violations.map((v) => v.invariant)).toContain("exactly one reservation per order id");
    expect(again?.fingerprint).toBe(first?.fingerprint);
    expect(again?.violations).toEqual(first?.violations);
  });

  it("passes the safe reserveStock on every scenario", async () => {
    const results = await runScenarios(config, { variant: "safe", seed: 1 });
    for (const result of results) expect(result.violations, result.scenario).toEqual([]);
    expect(results.every((r) => r.passed)).toBe(true);
  });
});

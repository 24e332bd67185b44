import { describe, expect, it } from "vitest";
import { runScenarios } from "../../src/public/index.ts";
import config from "./squall.config.ts";

const SEEDS = Number(process.env.SQUALL_INVENTORY_SEEDS ?? 200);

describe("the safe reserveStock under Black Friday", () => {
  it(`keeps every invariant for ${SEEDS} seeds of duplicated, reordered deliveries`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const [result] = await runScenarios(config, { scenario: "black-friday", variant: "safe", seed });
      if (!result?.passed)
        failures.push(
          `seed ${seed}: ${result?.error ?? result?.violations.map((v) => v.message).join("; ")}`,
        );
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

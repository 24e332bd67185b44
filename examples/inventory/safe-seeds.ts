import { expect, it } from "vitest";
import { runScenarios } from "../../src/public/index.ts";
import config from "./squall.config.ts";

/**
 * Declares a test that runs Black Friday on the safe variant for every seed in [from, to] and
 * expects every invariant to hold. Split over two files so the two halves run in parallel.
 */
export function safeForSeeds(from: number, to: number): void {
  it(`keeps every invariant for seeds ${from}-${to} of duplicated, reordered deliveries`, async () => {
    const failures: string[] = [];
    for (let seed = from; seed <= to; seed++) {
      const [result] = await runScenarios(config, { scenario: "black-friday", variant: "safe", seed });
      if (!result?.passed)
        failures.push(
          `seed ${seed}: ${result?.error ?? result?.violations.map((v) => v.message).join("; ")}`,
        );
    }
    expect(failures).toEqual([]);
  }, 600_000);
}

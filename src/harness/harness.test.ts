import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.ts";
import { loadConfig } from "./load-config.ts";
import { runScenarios } from "./run-scenarios.ts";

const fixture = (name: string) => path.join(import.meta.dirname, "testing", name);

describe("loading squall.config.ts", () => {
  it.each([
    ["a missing directory", "nope", /is not a directory/],
    ["a directory without a config", "", /squall\.config\.ts: does not exist/],
    ["a config that throws", "throws", /failed to load \(Error: the config exploded\)/],
    ["a config without scenarios", "bad-shape", /declares no scenarios/],
  ])("names the file and the fix for %s", async (_what, dir, message) => {
    const error = await loadConfig(fixture(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("runScenarios", () => {
  it("runs a scenario, checks its invariants and reports the violation with the items", async () => {
    const { config, file } = await loadConfig(fixture("good"));
    const [result] = await runScenarios(config, { file, seed: 4 });
    expect(result).toMatchObject({ scenario: "three-visits", passed: false, seed: 4 });
    expect(result?.violations).toEqual([
      {
        invariant: "home has at most 2 visits",
        message: "home has 3 visits",
        items: [{ page: "home", visits: 3 }],
      },
    ]);
    expect(result?.stats.invocations).toBe(3);
    expect(result?.stats.coldStarts).toBe(1);
  });

  it("gives the same fingerprint for the same seed, and refuses an unknown scenario", async () => {
    const { config, file } = await loadConfig(fixture("good"));
    const a = await runScenarios(config, { file, seed: 9 });
    const b = await runScenarios(config, { file, seed: 9 });
    expect(a[0]?.fingerprint).toBe(b[0]?.fingerprint);
    await expect(runScenarios(config, { file, scenario: "nope" })).rejects.toThrow(/has no scenario "nope"/);
  });
});

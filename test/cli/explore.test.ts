import { describe, expect, it } from "vitest";
import { squall } from "./squall-cli.js";

describe("squall explore and squall replay", () => {
  it("finds the duplicate-delivery bug, prints a replay line, and the line reproduces it", () => {
    const search = squall("explore", "src/explore/testing", "--json");
    expect(search.status).toBe(1);
    const [result] = JSON.parse(search.stdout) as {
      schedules: number;
      failures: { signature: string; exact: boolean; replay: string; fingerprint: string }[];
    }[];
    expect(result?.schedules).toBe(4);
    const failure = result?.failures[0];
    expect(failure).toMatchObject({ signature: "every message counted once", exact: true });
    expect(failure?.replay).toMatch(
      /^squall replay src\/explore\/testing --scenario three --seed \d+ --choices \S+$/,
    );
    const args = (failure?.replay ?? "").split(" ").slice(1);
    const replay = squall(...args);
    expect(replay.status).toBe(1);
    expect(replay.stdout).toContain(`fingerprint ${failure?.fingerprint.slice(0, 16)}`);
    expect(replay.stdout).toMatch(/✗ every message counted once: counted \d messages, sent 3/);
  });

  it("passes a clean search with exit 0, and names bad flags with exit 2", () => {
    const clean = squall("explore", "src/explore/testing", "--faults", "none", "--runs", "2");
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/✓ no failure {2}three {2}2 schedules/);
    const bad = squall("explore", "src/explore/testing", "--faults", "hurricane");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--faults must be one of none, realistic, chaos, swarm, got "hurricane"/);
    expect(squall("replay", "src/explore/testing", "--scenario", "three").status).toBe(2);
  });
});

import { describe, expect, it } from "vitest";
import { squall } from "./squall-cli.js";

describe("squall run", () => {
  it("prints a stable JSON report and exits 1 when an invariant fails", () => {
    const run = squall("run", "src/harness/testing/good", "--seed", "3", "--json");
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      seed: number;
      scenarios: { name: string; passed: boolean; reproduce: string }[];
    };
    expect(report.seed).toBe(3);
    expect(report.scenarios).toMatchObject([
      {
        name: "three-visits",
        passed: false,
        reproduce: "squall run src/harness/testing/good --seed 3 --scenario three-visits",
      },
    ]);
    expect(squall("run", "src/harness/testing/good", "--seed", "3", "--json").stdout).toBe(run.stdout);
  });

  it("exits 2 with one line naming the file and the fix for a bad config, without a stack trace", () => {
    const run = squall("run", "src/harness/testing/throws");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /squall: src\/harness\/testing\/throws\/squall\.config\.ts: failed to load \(Error: the config exploded\)/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on bad usage", () => {
    expect(squall("run", "src/harness/testing/good", "--seed", "x").status).toBe(2);
    expect(squall("frobnicate").status).toBe(2);
  });
});

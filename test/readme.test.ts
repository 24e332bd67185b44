import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("README", () => {
  it("shows the complete test as it is in examples/inventory/readme.test.ts, in fewer than 25 lines", () => {
    const test = readFileSync("examples/inventory/readme.test.ts", "utf8");
    expect(readFileSync("README.md", "utf8")).toContain(`\`\`\`ts\n${test}\`\`\``);
    expect(test.trimEnd().split("\n").length).toBeLessThan(25);
  });
});

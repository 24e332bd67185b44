import { describe, expect, it } from "vitest";
import { progressBar } from "./explore-command.ts";

describe("progressBar", () => {
  it("fills in proportion, and stays within its width past the ends", () => {
    expect(progressBar(0.5, 4)).toBe("[██··]");
    expect(progressBar(0, 3)).toBe("[···]");
    expect(progressBar(1.7, 3)).toBe("[███]");
    expect(progressBar(-1, 2)).toBe("[··]");
  });
});

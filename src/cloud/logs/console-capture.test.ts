import { describe, expect, it } from "vitest";
import { captureConsole } from "./console-capture.ts";

describe("captureConsole", () => {
  it("routes console calls while acquired and restores the console with the last release", () => {
    const original = console.info;
    const seen: [string, readonly unknown[]][] = [];
    const releaseA = captureConsole((level, args) => {
      seen.push([level, args]);
      return true;
    });
    const releaseB = captureConsole(() => false);
    console.info("hello", 1);
    console.error("bad");
    releaseA();
    releaseA();
    expect(console.info).not.toBe(original);
    releaseB();
    expect(console.info).toBe(original);
    expect(seen).toEqual([
      ["INFO", ["hello", 1]],
      ["ERROR", ["bad"]],
    ]);
  });
});

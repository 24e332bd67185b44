import path from "node:path";
import { describe, expect, it } from "vitest";
import { defineApp } from "../app/define-app.ts";
import { IsolationError } from "./isolation-error.ts";
import { applyVariables, squallWorkerSetup, workerPrefix } from "./worker-setup.ts";

describe("applyVariables", () => {
  it("sets the variables, then puts back the old values and removes the new ones", () => {
    const env: NodeJS.ProcessEnv = { TABLE_NAME: "mine", KEEP: "k" };
    const restore = applyVariables({ TABLE_NAME: "pr-1-w1-T", SQUALL_NAME_PREFIX: "pr-1-w1" }, env);
    expect(env).toEqual({ TABLE_NAME: "pr-1-w1-T", SQUALL_NAME_PREFIX: "pr-1-w1", KEEP: "k" });
    restore();
    expect(env).toEqual({ TABLE_NAME: "mine", KEEP: "k" });
    expect("SQUALL_NAME_PREFIX" in env).toBe(false);
  });
});

// This project's own vitest.config.ts does not use Squall's global setup, so there is no run prefix
// (test/vitest-workers/ runs a project that does).
describe("without squall/vitest/global-setup", () => {
  it("has no worker prefix", () => {
    expect(process.env.VITEST_POOL_ID).toMatch(/^\d+$/);
    expect(workerPrefix()).toBeUndefined();
  });

  it("squallWorkerSetup says which global setup to add", () => {
    const app = defineApp({ name: "shop", root: path.join(import.meta.dirname, "../app/testing") });
    expect(() => squallWorkerSetup(app)).toThrow(IsolationError);
    expect(() => squallWorkerSetup(app)).toThrow(
      'squallWorkerSetup(app "shop") found no run prefix: add "squall/vitest/global-setup" to test.globalSetup',
    );
  });
});

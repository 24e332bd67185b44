import { describe, expect, it } from "vitest";
import { isolationPrefix, MAX_PREFIX_LENGTH, MAX_RUN_PREFIX_LENGTH, withWorker } from "./isolation.ts";
import { IsolationError } from "./isolation-error.ts";

const noFile = (): string => {
  throw new Error("no event file expected");
};

describe("isolationPrefix: where the run's prefix comes from", () => {
  it.each([
    [
      "SQUALL_STACK_PREFIX wins over everything",
      { SQUALL_STACK_PREFIX: "Team_A-7", GITHUB_REF: "refs/pull/1/merge", USER: "ada" },
      "Team_A-7",
    ],
    [
      "GitHub pull request ref",
      { GITHUB_REF: "refs/pull/42/merge", GITHUB_RUN_ID: "9", USER: "ada" },
      "pr-42",
    ],
    ["GitHub pull request head ref", { GITHUB_REF: "refs/pull/7/head" }, "pr-7"],
    ["GitLab merge request", { CI_MERGE_REQUEST_IID: "314", CI_PIPELINE_ID: "5" }, "pr-314"],
    ["Buildkite pull request", { BUILDKITE_PULL_REQUEST: "88", BUILDKITE_BUILD_NUMBER: "3" }, "pr-88"],
    [
      "CircleCI pull request URL",
      { CIRCLE_PULL_REQUEST: "https://github.com/o/r/pull/55", CIRCLE_BUILD_NUM: "1" },
      "pr-55",
    ],
    ["CircleCI fork PR number", { CIRCLE_PR_NUMBER: "56" }, "pr-56"],
    [
      "GitHub run id and attempt",
      { GITHUB_REF: "refs/heads/main", GITHUB_RUN_ID: "9001", GITHUB_RUN_ATTEMPT: "2" },
      "run-9001-2",
    ],
    ["GitHub run id without attempt", { GITHUB_RUN_ID: "9001" }, "run-9001"],
    ["GitLab pipeline", { CI_PIPELINE_ID: "777" }, "run-777"],
    [
      "Buildkite build, not a PR",
      { BUILDKITE_PULL_REQUEST: "false", BUILDKITE_BUILD_NUMBER: "12" },
      "run-12",
    ],
    ["CircleCI build", { CIRCLE_BUILD_NUM: "13" }, "run-13"],
    ["a developer's machine", { USER: "Ada.Lovelace" }, "local-ada-lovelace"],
    ["Windows user name", { USERNAME: "GRACE H" }, "local-grace-h"],
    ["no user at all", {}, "local"],
    ["an empty SQUALL_STACK_PREFIX is unset", { SQUALL_STACK_PREFIX: "", USER: "ada" }, "local-ada"],
  ])("%s", (_, env, expected) => {
    expect(isolationPrefix(env, { readFile: noFile })).toBe(expected);
  });

  it("reads the PR number from GitHub's event payload when the ref is the base branch", () => {
    const env = {
      GITHUB_EVENT_NAME: "pull_request_target",
      GITHUB_EVENT_PATH: "/gh/event.json",
      GITHUB_REF: "refs/heads/main",
      GITHUB_RUN_ID: "9",
    };
    const readFile = (path: string): string => {
      expect(path).toBe("/gh/event.json");
      return JSON.stringify({ pull_request: { number: 1234 } });
    };
    expect(isolationPrefix(env, { readFile })).toBe("pr-1234");
    // Not a PR event, or an unreadable payload: the run id still isolates the run.
    expect(isolationPrefix({ ...env, GITHUB_EVENT_NAME: "push" }, { readFile })).toBe("run-9");
    expect(isolationPrefix(env, { readFile: () => "{not json" })).toBe("run-9");
  });

  it("gives a user name with no usable character a stable, distinct hash", () => {
    const a = isolationPrefix({ USER: "李雷" });
    expect(a).toMatch(/^local-u[0-9a-z]{7}$/);
    expect(isolationPrefix({ USER: "李雷" })).toBe(a);
    expect(isolationPrefix({ USER: "韩梅梅" })).not.toBe(a);
  });
});

describe("isolationPrefix: jobs, shards and workers", () => {
  it.each([
    ["GitLab parallel job", { CI_PIPELINE_ID: "5", CI_NODE_INDEX: "2", CI_NODE_TOTAL: "3" }, "run-5-j2"],
    [
      "Buildkite parallel job (0-based)",
      { BUILDKITE_BUILD_NUMBER: "5", BUILDKITE_PARALLEL_JOB: "0", BUILDKITE_PARALLEL_JOB_COUNT: "2" },
      "run-5-j1",
    ],
    [
      "CircleCI parallelism (0-based)",
      { CIRCLE_BUILD_NUM: "5", CIRCLE_NODE_INDEX: "3", CIRCLE_NODE_TOTAL: "4" },
      "run-5-j4",
    ],
    [
      "CircleCI without parallelism",
      { CIRCLE_BUILD_NUM: "5", CIRCLE_NODE_INDEX: "0", CIRCLE_NODE_TOTAL: "1" },
      "run-5",
    ],
  ])("%s", (_, env, expected) => {
    expect(isolationPrefix(env)).toBe(expected);
  });

  it("adds the Vitest shard and the worker", () => {
    const env = { GITHUB_REF: "refs/pull/42/merge" };
    expect(isolationPrefix(env, { shard: { index: 2, count: 3 }, workerId: 4 })).toBe("pr-42-s2-w4");
    expect(isolationPrefix(env, { shard: { index: 1, count: 1 }, workerId: "1" })).toBe("pr-42-w1");
    expect(withWorker("pr-42", "2")).toBe("pr-42-w2");
    expect(() => withWorker("pr-42", "two")).toThrow(/VITEST_POOL_ID/);
  });
});

describe("isolationPrefix: validity and length", () => {
  it("rejects a user-given prefix that a resource name cannot start with, naming the variable and rule", () => {
    for (const bad of ["feature/x", "pr 42", "a.b", "ü"]) {
      expect(() => isolationPrefix({ SQUALL_STACK_PREFIX: bad })).toThrow(IsolationError);
    }
    expect(() => isolationPrefix({ SQUALL_STACK_PREFIX: "feature/x" })).toThrow(
      'SQUALL_STACK_PREFIX "feature/x" cannot begin resource names: use only letters, digits, "-" and "_"',
    );
  });

  it("shortens a long prefix deterministically, keeping different ones different", () => {
    const long = "a-very-long-team-and-feature-branch-prefix";
    const run = isolationPrefix({ SQUALL_STACK_PREFIX: long });
    expect(run).toHaveLength(MAX_RUN_PREFIX_LENGTH);
    expect(run).toMatch(/^a-very-long-team-a-[0-9a-z]{7}$/);
    expect(isolationPrefix({ SQUALL_STACK_PREFIX: long })).toBe(run);
    expect(isolationPrefix({ SQUALL_STACK_PREFIX: `${long}2` })).not.toBe(run);
    const worker = isolationPrefix({ SQUALL_STACK_PREFIX: long }, { workerId: 12 });
    expect(worker).toBe(`${run}-w12`);
    expect(worker.length).toBeLessThanOrEqual(MAX_PREFIX_LENGTH);
    // A long derived part (the user name) is shortened the same way.
    expect(isolationPrefix({ USER: "x".repeat(60) })).toMatch(/^local-x{12}-[0-9a-z]{7}$/);
  });

  it("only ever produces characters every resource kind allows", () => {
    for (const env of [
      { USER: "Ädä (admin)" },
      { USERNAME: "--" },
      { CI_PIPELINE_ID: "1", CI_NODE_INDEX: "1", CI_NODE_TOTAL: "2" },
    ]) {
      expect(isolationPrefix(env, { workerId: 3 })).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    }
  });
});

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

function value(env: Environment, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === "" ? undefined : v;
}

function digits(v: string | undefined): string | undefined {
  return v !== undefined && /^\d+$/.test(v) ? v : undefined;
}

/**
 * The number of the pull (or merge) request this CI run builds, from GitHub Actions, GitLab CI,
 * Buildkite or CircleCI; undefined outside one. `readFile` reads GitHub's event payload, needed
 * for `pull_request_target` events, whose `GITHUB_REF` is the base branch.
 *
 * @example pullRequestNumber({ GITHUB_REF: "refs/pull/42/merge" }) // "42"
 */
export function pullRequestNumber(env: Environment, readFile: (path: string) => string): string | undefined {
  const ref = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(value(env, "GITHUB_REF") ?? "");
  if (ref?.[1] !== undefined) return ref[1];
  const fromEvent = gitHubEventNumber(env, readFile);
  if (fromEvent !== undefined) return fromEvent;
  const circle = /\/pull\/(\d+)$/.exec(value(env, "CIRCLE_PULL_REQUEST") ?? "")?.[1];
  return (
    digits(value(env, "CI_MERGE_REQUEST_IID")) ??
    // Buildkite says "false" when the build is not for a pull request.
    digits(value(env, "BUILDKITE_PULL_REQUEST")) ??
    circle ??
    digits(value(env, "CIRCLE_PR_NUMBER"))
  );
}

function gitHubEventNumber(env: Environment, readFile: (path: string) => string): string | undefined {
  const eventPath = value(env, "GITHUB_EVENT_PATH");
  if (!value(env, "GITHUB_EVENT_NAME")?.startsWith("pull_request") || eventPath === undefined) return;
  try {
    const event = JSON.parse(readFile(eventPath)) as { pull_request?: { number?: unknown } };
    const n = event.pull_request?.number;
    return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? String(n) : undefined;
  } catch {
    // An unreadable payload is no reason to fail the run: the run id still isolates it.
    return undefined;
  }
}

/**
 * The id of this CI run: GitHub's run id and attempt, GitLab's pipeline id, Buildkite's build
 * number or CircleCI's build number; undefined outside CI.
 *
 * @example ciRunId({ GITHUB_RUN_ID: "9001", GITHUB_RUN_ATTEMPT: "2" }) // "9001-2"
 */
export function ciRunId(env: Environment): string | undefined {
  const github = digits(value(env, "GITHUB_RUN_ID"));
  if (github !== undefined) {
    const attempt = digits(value(env, "GITHUB_RUN_ATTEMPT"));
    return attempt === undefined ? github : `${github}-${attempt}`;
  }
  return (
    digits(value(env, "CI_PIPELINE_ID")) ??
    digits(value(env, "BUILDKITE_BUILD_NUMBER")) ??
    digits(value(env, "CIRCLE_BUILD_NUM"))
  );
}

/**
 * Which of several parallel copies of one CI job this is (GitLab `parallel:`, Buildkite
 * `parallelism`, CircleCI `parallelism`), 1-based; undefined when the job is not split.
 *
 * @example parallelJobIndex({ CI_NODE_INDEX: "2", CI_NODE_TOTAL: "4" }) // 2
 */
export function parallelJobIndex(env: Environment): number | undefined {
  const sources: [index: string, total: string, base: number][] = [
    ["CI_NODE_INDEX", "CI_NODE_TOTAL", 1],
    ["BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0],
    ["CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0],
  ];
  for (const [indexName, totalName, base] of sources) {
    const index = digits(value(env, indexName));
    const total = digits(value(env, totalName));
    if (index !== undefined && total !== undefined && Number(total) > 1) return Number(index) - base + 1;
  }
  return undefined;
}

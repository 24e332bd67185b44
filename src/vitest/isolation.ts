import { readFileSync } from "node:fs";
import { ciRunId, type Environment, parallelJobIndex, pullRequestNumber } from "./ci-sources.ts";
import { IsolationError } from "./isolation-error.ts";

/**
 * The longest run prefix: with a worker suffix (`-w<n>`) a prefix stays within
 * {@link MAX_PREFIX_LENGTH}.
 */
export const MAX_RUN_PREFIX_LENGTH = 26;

/**
 * The longest isolation prefix, worker suffix included. It leaves 31 characters for a function's
 * logical name within Lambda's 64, and far more for tables, queues and topics.
 */
export const MAX_PREFIX_LENGTH = 32;

/** Characters every resource kind Squall names allows (Lambda, SQS and SNS allow no others). */
const PREFIX_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Options of {@link isolationPrefix}. */
export interface IsolationPrefixOptions {
  /** The Vitest worker (`VITEST_POOL_ID`); adds `-w<id>`. Omit it for the run's prefix. */
  workerId?: string | number | undefined;
  /** The Vitest shard this process runs (`--shard=2/3`); adds `-s<index>` when there are several. */
  shard?: { readonly index: number; readonly count: number } | undefined;
  /** Reads GitHub's event payload (`GITHUB_EVENT_PATH`). Default: the file system. */
  readFile?: (path: string) => string;
}

/**
 * The prefix that keeps one test worker's resources apart from every other worker's, job's, run's
 * and person's on a shared account. The run part comes from, in order:
 *
 * 1. `SQUALL_STACK_PREFIX`, as given (letters, digits, `-` and `_` only);
 * 2. the pull request: `pr-<n>` (GitHub Actions, GitLab CI, Buildkite, CircleCI);
 * 3. the CI run: `run-<id>` (GitHub run id and attempt, GitLab pipeline, Buildkite or CircleCI build);
 * 4. otherwise `local-<user>` (from `USER` / `USERNAME`).
 *
 * Then `-j<n>` for one of several parallel copies of a CI job, `-s<n>` for a Vitest shard, and
 * `-w<n>` for the worker. A prefix longer than {@link MAX_PREFIX_LENGTH} is cut and ends in a hash
 * of the whole, so it stays unique and the same run to run.
 *
 * Matrix jobs of one GitHub workflow share their PR number and run id: give each its own
 * `SQUALL_STACK_PREFIX` (e.g. `pr-${{ github.event.number }}-node${{ matrix.node }}`).
 *
 * @example
 * isolationPrefix({ GITHUB_REF: "refs/pull/42/merge" }, { workerId: 3 }) // "pr-42-w3"
 * isolationPrefix({ USER: "Ada.L" }) // "local-ada-l"
 */
export function isolationPrefix(env: Environment, options: IsolationPrefixOptions = {}): string {
  const run = runPrefix(env, options);
  return options.workerId === undefined ? run : withWorker(run, options.workerId);
}

function runPrefix(env: Environment, options: IsolationPrefixOptions): string {
  const readFile = options.readFile ?? ((file: string) => readFileSync(file, "utf8"));
  const base = userPrefix(env) ?? derivedPrefix(env, readFile);
  const job = parallelJobIndex(env);
  const shard = options.shard !== undefined && options.shard.count > 1 ? options.shard.index : undefined;
  const suffix = `${job === undefined ? "" : `-j${job}`}${shard === undefined ? "" : `-s${shard}`}`;
  return shorten(`${base}${suffix}`, MAX_RUN_PREFIX_LENGTH);
}

function userPrefix(env: Environment): string | undefined {
  const given = env.SQUALL_STACK_PREFIX;
  if (given === undefined || given === "") return undefined;
  if (!PREFIX_PATTERN.test(given)) {
    throw new IsolationError(
      `SQUALL_STACK_PREFIX ${JSON.stringify(given)} cannot begin resource names: use only letters, ` +
        `digits, "-" and "_" (the characters DynamoDB, SQS, SNS and Lambda names all allow), ` +
        `e.g. SQUALL_STACK_PREFIX=pr-1234`,
    );
  }
  return given;
}

function derivedPrefix(env: Environment, readFile: (path: string) => string): string {
  const pr = pullRequestNumber(env, readFile);
  if (pr !== undefined) return `pr-${pr}`;
  const run = ciRunId(env);
  if (run !== undefined) return `run-${run}`;
  const user = env.USER ?? env.USERNAME ?? env.LOGNAME ?? "";
  if (user.trim() === "") return "local";
  const clean = sanitise(user);
  // A name with no usable character (e.g. all non-Latin) still needs to differ from another's.
  return `local-${clean === "" ? `u${hash(user)}` : clean}`;
}

/**
 * The prefix of one worker of a run: `<run>-w<workerId>`, shortened like the run's.
 *
 * @example withWorker("pr-42", "2") // "pr-42-w2"
 */
export function withWorker(runPrefix: string, workerId: string | number): string {
  const id = String(workerId);
  if (!/^\d+$/.test(id)) {
    throw new IsolationError(`Vitest worker id ${JSON.stringify(id)} is not a number (VITEST_POOL_ID)`);
  }
  return shorten(`${runPrefix}-w${id}`, MAX_PREFIX_LENGTH);
}

/**
 * Throws an {@link IsolationError} unless `prefix` can begin every kind of resource name.
 *
 * @example checkPrefix("pr-42-w1") // ok; checkPrefix("pr 42") throws
 */
export function checkPrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new IsolationError(
      `isolation prefix ${JSON.stringify(prefix)} may only use letters, digits, "-" and "_" ` +
        `(the characters DynamoDB, SQS, SNS and Lambda names all allow)`,
    );
  }
}

function sanitise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 8).replace(/[-_]+$/, "");
  return `${head}-${hash(text)}`;
}

/** Seven base-36 characters of an FNV-1a hash: short, stable, and no randomness. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, "0");
}

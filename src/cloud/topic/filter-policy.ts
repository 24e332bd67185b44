import { invalidParameter } from "./errors.ts";
import { compileMatcher, type Matcher } from "./filter-rules.ts";
import { isRecord } from "./request.ts";

export { type FilterAttribute, type FilterMessage, matches } from "./filter-match.ts";
export type { Matcher } from "./filter-rules.ts";

/** Where a subscription's filter policy looks: the message attributes (default) or the JSON body. */
export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

/** One key of a policy: the path to it (one name for attributes) and its alternatives. */
export interface FilterCondition {
  readonly path: readonly string[];
  readonly matchers: readonly Matcher[];
}

/**
 * A validated filter policy, ready for {@link matches}: `$or` is expanded into alternatives, each a
 * list of conditions that must all hold.
 */
export interface CompiledFilterPolicy {
  readonly scope: FilterPolicyScope;
  readonly alternatives: readonly (readonly FilterCondition[])[];
}

// SNS's documented limits (subscription filter policy constraints).
const MAX_POLICY_BYTES = 256 * 1024;
const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;

/** The prefix of SNS's messages for an invalid policy given to SetSubscriptionAttributes. */
export const FILTER_POLICY_ERROR_PREFIX = "Invalid parameter: FilterPolicy: ";

/**
 * Validates a filter policy as SNS does and compiles it. Invalid policies fail with SNS's
 * InvalidParameter and its wording (`Invalid parameter: FilterPolicy: Filter policy is too
 * complex`): at most 5 top-level keys, at most 150 combinations (the product of the value-list
 * lengths, each weighted by its nesting depth; `$or` branches add up), no empty lists, nesting only
 * in the MessageBody scope.
 *
 * @example
 * const policy = compileFilterPolicy('{"store": ["example_corp"], "price_usd": [{"numeric": [">", 100]}]}', "MessageAttributes");
 */
export function compileFilterPolicy(json: string, scope: FilterPolicyScope): CompiledFilterPolicy {
  const fail = (detail: string) => invalidParameter(`${FILTER_POLICY_ERROR_PREFIX}${detail}`);
  if (Buffer.byteLength(json, "utf8") > MAX_POLICY_BYTES) throw fail("Filter policy is too long");
  let policy: unknown;
  try {
    policy = JSON.parse(json);
  } catch (error) {
    throw fail(`failed to parse JSON. ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(policy)) throw fail("Filter policy must be a JSON object");
  if (Object.keys(policy).length > MAX_KEYS)
    throw fail(`Filter policy can not have more than ${MAX_KEYS} keys`);
  if (measure(policy, 1, scope) > MAX_COMBINATIONS) throw fail("Filter policy is too complex");
  return { scope, alternatives: expand(policy, []) };
}

/** `$or` is an operator only when it holds a list of at least two objects; otherwise it is a key. */
function isOrList(key: string, value: unknown): value is Record<string, unknown>[] {
  return key === "$or" && Array.isArray(value) && value.length > 1 && value.every(isRecord);
}

/** Checks the policy's shape and returns its number of combinations (capped, never Infinity). */
function measure(policy: Record<string, unknown>, depth: number, scope: FilterPolicyScope): number {
  const fail = (detail: string) => invalidParameter(`${FILTER_POLICY_ERROR_PREFIX}${detail}`);
  // Every leaf list counts `depth` times, so a policy nested deeper than the limit is too complex
  // whatever it holds; stopping here also keeps the recursion bounded.
  if (depth > MAX_COMBINATIONS) throw fail("Filter policy is too complex");
  let combinations = 1;
  for (const [key, value] of Object.entries(policy)) {
    let factor: number;
    if (isOrList(key, value)) {
      factor = value.reduce((sum, branch) => sum + measure(branch, depth, scope), 0);
    } else if (isRecord(value)) {
      if (scope === "MessageAttributes") {
        throw invalidParameter(
          "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
        );
      }
      factor = measure(value, depth + 1, scope);
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw fail("Empty arrays are not allowed");
      factor = value.length * depth;
    } else {
      throw fail(`"${key}" must be an object or an array`);
    }
    combinations = Math.min(combinations * factor, Number.MAX_SAFE_INTEGER);
  }
  return combinations;
}

/** Expands `$or` into alternatives and compiles every value list (called after {@link measure}). */
function expand(policy: Record<string, unknown>, path: readonly string[]): FilterCondition[][] {
  let alternatives: FilterCondition[][] = [[]];
  for (const [key, value] of Object.entries(policy)) {
    let options: FilterCondition[][];
    if (isOrList(key, value)) options = value.flatMap((branch) => expand(branch, path));
    else if (isRecord(value)) options = expand(value, [...path, key]);
    else {
      const matchers = (value as unknown[]).map((rule) => compileMatcher(rule, FILTER_POLICY_ERROR_PREFIX));
      options = [[{ path: [...path, key], matchers }]];
    }
    alternatives = alternatives.flatMap((done) => options.map((option) => [...done, ...option]));
  }
  return alternatives;
}

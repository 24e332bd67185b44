/**
 * Which of the host process's environment variables code inside a simulated execution environment
 * may see when the environment does not set them itself (Lambda's variables and the function's
 * `environment` always win).
 *
 * Hidden, because they configure the AWS SDK or other Lambda libraries, so a developer's shell
 * would change a simulated run (retries and virtual times, endpoints, credentials…) and a real
 * Lambda sandbox never has them unless the function sets them:
 * - `AWS_*`: every setting the AWS SDK v3 reads from the environment (`AWS_MAX_ATTEMPTS`,
 *   `AWS_RETRY_MODE`, `AWS_PROFILE`, `AWS_REGION`, `AWS_ENDPOINT_URL*`, `AWS_USE_FIPS_ENDPOINT`,
 *   `AWS_DEFAULTS_MODE`, credentials, `AWS_CONTAINER_*`, `AWS_EC2_METADATA_*`…), X-Ray's
 *   `AWS_XRAY_*`, and Lambda's own `AWS_LAMBDA_*` (log level, max concurrency…);
 * - `_X_AMZN_*`: `_X_AMZN_TRACE_ID`, which the SDK copies into every request's trace header;
 * - `POWERTOOLS_*`: Powertools for AWS Lambda's settings (`POWERTOOLS_IDEMPOTENCY_DISABLED`
 *   would switch idempotency off).
 *
 * Passed through although they match, for the reason given beside each in {@link PASSED_THROUGH}.
 * Every other host variable passes through (PATH, HOME, NODE_OPTIONS, TMPDIR, the test's own…):
 * none configures an AWS client, and tools a handler spawns need the host's PATH, not Lambda's.
 */
const HIDDEN_PREFIXES: readonly string[] = ["AWS_", "_X_AMZN_", "POWERTOOLS_"];

const PASSED_THROUGH: ReadonlySet<string> = new Set([
  // Cosmetic: silences the SDK's once-per-process notice about Node 20 (Squall's own test
  // configuration sets it); hiding it would print the notice whenever a handler builds the
  // process's first client, and changes nothing else.
  "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED",
]);

/**
 * Whether a host variable is kept from code inside an execution environment (unless the
 * environment sets it itself).
 *
 * @example
 * isHiddenHostVariable("AWS_MAX_ATTEMPTS"); // true
 * isHiddenHostVariable("PATH"); // false
 */
export function isHiddenHostVariable(name: string): boolean {
  return HIDDEN_PREFIXES.some((prefix) => name.startsWith(prefix)) && !PASSED_THROUGH.has(name);
}

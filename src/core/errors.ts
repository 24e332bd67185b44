/**
 * The base of every error Squall raises for its own reasons (a user's mistake, a simulation
 * that escaped, a replay that diverged). Errors that a simulated AWS service returns are not
 * SquallErrors: they are {@link AwsServiceError}s in `cloud/` and surface as the SDK's own classes.
 *
 * @example
 * try { run() } catch (e) { if (e instanceof SquallError) console.error(e.message) }
 */
export class SquallError extends Error {
  override name = "SquallError";
}

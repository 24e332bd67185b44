import { RESERVED_VARIABLES } from "../../app/reserved-variables.ts";
import { SquallError } from "../../core/errors.ts";
import type { ResolvedFunction } from "./definition.ts";

/**
 * Rejects a function whose environment sets a key Lambda reserves, with Lambda's reason.
 *
 * @example
 * checkReservedVariables(fn); // throws for environment: { AWS_REGION: "eu-west-1" }
 */
export function checkReservedVariables(fn: ResolvedFunction): void {
  const used = Object.keys(fn.environment).filter((k) => RESERVED_VARIABLES.has(k));
  if (used.length > 0) {
    throw new SquallError(
      `Lambda function "${fn.name}": environment sets reserved keys (${used.join(", ")}) that Lambda ` +
        "does not let a function change: remove them (Lambda sets them itself)",
    );
  }
}

/**
 * The execution role's credentials as Lambda would pass them: obviously fake, the same on every
 * machine. The SDK bridge answers without them; they keep a client's credential chain from going
 * on to the host's files or instance metadata, and code that reads them finds what it would in
 * Lambda.
 */
const SIMULATED_ROLE_CREDENTIALS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: "ASIASQUALLSIMULATED0",
  AWS_SECRET_ACCESS_KEY: "squall-simulated-secret-access-key",
  AWS_SESSION_TOKEN: "squall-simulated-session-token",
};

/**
 * The variables an environment's code sees, over the host's that pass through (see
 * `isHiddenHostVariable`): those the Node.js runtime defines (region, function name, memory, log
 * group and stream, handler, initialisation type, role credentials, locale, time zone…) and the
 * function's own. Left out on purpose: PATH, LD_LIBRARY_PATH and NODE_PATH (Lambda's values name
 * folders the host lacks, so a tool a handler spawns would not be found; Node reads NODE_PATH
 * only at start), the X-Ray daemon's address (nothing listens there), and `_X_AMZN_TRACE_ID`
 * (Lambda sets it per invocation).
 *
 * @example
 * lambdaVariables(fn, { region: "us-east-1", logStreamName, provisioned: false }).AWS_LAMBDA_FUNCTION_NAME;
 */
export function lambdaVariables(
  fn: ResolvedFunction,
  where: { region: string; logStreamName: string; provisioned: boolean },
): Record<string, string> {
  return {
    _HANDLER: fn.handler,
    AWS_REGION: where.region,
    AWS_DEFAULT_REGION: where.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: where.provisioned ? "provisioned-concurrency" : "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: where.logStreamName,
    AWS_LAMBDA_RUNTIME_API: "127.0.0.1:9001",
    ...SIMULATED_ROLE_CREDENTIALS,
    LAMBDA_TASK_ROOT: "/var/task",
    LAMBDA_RUNTIME_DIR: "/var/runtime",
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    ...fn.environment,
  };
}

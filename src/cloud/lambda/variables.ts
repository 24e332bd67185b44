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
 * The variables an environment's code sees beside the process's own: those the Node.js runtime
 * sets (region, function name, memory, log group and stream, handler, initialisation type…) and
 * the function's own. Credentials are not set: the SDK bridge answers without them.
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
    LAMBDA_TASK_ROOT: "/var/task",
    LAMBDA_RUNTIME_DIR: "/var/runtime",
    TZ: ":UTC",
    ...fn.environment,
  };
}

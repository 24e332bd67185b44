import { SquallError } from "../../core/errors.ts";
import {
  arnService,
  type LambdaFunctionDefinition,
  type ResolvedFunction,
  resolveFunction,
} from "./definition.ts";
import { parseFunctionReference } from "./function-name.ts";
import { checkReservedVariables } from "./variables.ts";

/**
 * Resolves every function of an app and checks what one definition alone cannot: unique names,
 * destinations that name a function of the app, and SQS/SNS destinations only when the service
 * has endpoints to send to.
 *
 * @example
 * const functions = resolveFunctions(defs, { region: "us-east-1", accountId: "123456789012" }, true);
 */
export function resolveFunctions(
  definitions: readonly LambdaFunctionDefinition[],
  where: { region: string; accountId: string },
  hasEndpoints: boolean,
): ResolvedFunction[] {
  const functions = definitions.map((def) => resolveFunction(def, where));
  const names = new Set<string>();
  for (const fn of functions) {
    if (names.has(fn.name)) {
      throw new SquallError(`Lambda function "${fn.name}" is defined twice: give each function its own name`);
    }
    names.add(fn.name);
    checkReservedVariables(fn);
  }
  for (const fn of functions) {
    for (const arn of [fn.onFailureDestinationArn, fn.deadLetterTargetArn]) {
      if (arn === undefined) continue;
      const service = arnService(arn);
      if (service === "lambda" && !names.has(parseFunctionReference(arn)?.name ?? "")) {
        throw new SquallError(
          `Lambda function "${fn.name}": destination "${arn}" names no function in the app`,
        );
      }
      if (service !== "lambda" && !hasEndpoints) {
        throw new SquallError(
          `Lambda function "${fn.name}": destination "${arn}" needs SQS/SNS destination endpoints: ` +
            "pass `destinations` to LambdaService",
        );
      }
    }
  }
  return functions;
}

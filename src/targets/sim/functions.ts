import type { App, FailureDestination } from "../../app/model.ts";
import type { LambdaFunctionDefinition } from "../../cloud/lambda/definition.ts";
import { lambdaDefinitionFromApp } from "../../cloud/lambda/from-app.ts";
import type { PhysicalNames } from "./names.ts";

/**
 * The app's functions as the simulated Lambda takes them: physical names, environment
 * references resolved to the resources' physical names, URLs and ARNs.
 *
 * @example const functions = lambdaFunctions(app, names);
 */
export function lambdaFunctions(app: App, names: PhysicalNames): LambdaFunctionDefinition[] {
  const resolver = {
    resolve: (ref: Parameters<PhysicalNames["resolve"]>[0]) => names.resolve(ref),
    destinationArn: (destination: FailureDestination) =>
      names.arn(
        "queue" in destination
          ? destination.queue
          : "topic" in destination
            ? destination.topic
            : destination.function,
      ),
  };
  return Object.keys(app.functions).map((logical) =>
    lambdaDefinitionFromApp(
      names.name(logical, "function"),
      app.functions[logical] as App["functions"][string],
      resolver,
    ),
  );
}

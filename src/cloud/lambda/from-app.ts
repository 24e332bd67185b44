import type { FailureDestination, FunctionDefinition, ResourceRef } from "../../app/model.ts";
import type { LambdaFunctionDefinition } from "./definition.ts";

/** How a target names the app's resources: a reference's value and a destination's ARN. */
export interface AppNames {
  /** The physical name, URL or ARN a {@link ResourceRef} stands for on this target. */
  resolve(ref: ResourceRef): string;
  /** The ARN of a failure destination (queue, topic or function) on this target. */
  destinationArn(destination: FailureDestination): string;
}

/**
 * The cloud layer's definition of an app's function, under its physical name: environment
 * references resolved, the on-failure destination as an ARN. Event sources are not part of it
 * (the event-source mappings read them from the app).
 *
 * @example
 * const def = lambdaDefinitionFromApp("pr-1-reserveStock", app.functions.reserveStock, names);
 * new LambdaService({ kernel: sim, functions: [def], baseDir: app.root, destinations });
 */
export function lambdaDefinitionFromApp(
  physicalName: string,
  fn: FunctionDefinition,
  names: AppNames,
): LambdaFunctionDefinition {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(fn.environment ?? {})) {
    environment[key] = typeof value === "string" ? value : names.resolve(value);
  }
  const optional = {
    runtime: fn.runtime,
    timeoutSeconds: fn.timeoutSeconds,
    memorySizeMb: fn.memoryMb,
    reservedConcurrency: fn.reservedConcurrency,
    provisionedConcurrency: fn.provisionedConcurrency,
    vpc: fn.vpc,
    packageSizeMb: fn.packageSizeMb,
    coldStartMs: fn.coldStartMs,
    maximumRetryAttempts: fn.maximumRetryAttempts,
    maximumEventAgeSeconds: fn.maximumEventAgeSeconds,
    onFailureDestinationArn: fn.onFailure === undefined ? undefined : names.destinationArn(fn.onFailure),
  };
  // exactOptionalPropertyTypes: leave absent what the app leaves absent.
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { name: physicalName, handler: fn.handler, environment, ...present };
}

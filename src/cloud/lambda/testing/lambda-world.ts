import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import type { LambdaFunctionDefinition } from "../definition.ts";
import { LambdaService, type LambdaServiceOptions } from "../service.ts";

/** A simulation with a Lambda service over the fixture handlers in this folder. */
export interface LambdaWorld extends Disposable {
  readonly sim: Simulation;
  readonly lambda: LambdaService;
}

/**
 * Builds a simulation and a Lambda service whose handler paths are relative to `testing/`.
 *
 * @example
 * using world = lambdaWorld([{ name: "counter", handler: "counter-handler.ts#handler" }]);
 * await world.sim.run(() => world.lambda.invoke({ functionName: "counter", event: {}, trigger: "test" }));
 */
export function lambdaWorld(
  functions: readonly LambdaFunctionDefinition[],
  options: Partial<Omit<LambdaServiceOptions, "kernel" | "functions">> & { seed?: number } = {},
): LambdaWorld {
  const sim = createSimulation({ seed: options.seed ?? 1 });
  const lambda = new LambdaService({ baseDir: import.meta.dirname, ...options, kernel: sim, functions });
  return {
    sim,
    lambda,
    [Symbol.dispose]() {
      lambda.dispose();
      sim.dispose();
    },
  };
}

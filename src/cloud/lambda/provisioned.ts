import type { KernelServices } from "../../core/services.ts";
import type { ResolvedFunction } from "./definition.ts";
import type { EnvironmentPool } from "./pool.ts";

/**
 * Initialises a function's provisioned environments (call from inside the simulation): each
 * loads its module ahead of any invocation and joins the pool idle, or is discarded if its init
 * fails.
 *
 * @example
 * provisionEnvironments(kernel, fn, pool); // fn.provisionedConcurrency environments, warm
 */
export function provisionEnvironments(
  kernel: KernelServices,
  fn: ResolvedFunction,
  pool: EnvironmentPool,
): void {
  for (let i = 0; i < fn.provisionedConcurrency; i++) {
    const env = pool.create(true);
    // As for cold starts: the gate, scheduled before the real load, fixes the order in which
    // environments become idle, whatever order their modules finish loading in.
    const gate = new Promise<void>((resolve) => kernel.schedule(0, `lambda.${fn.name}.provisioned`, resolve));
    const loaded = env.load(undefined).then(
      () => true,
      () => false,
    );
    void gate.then(() => loaded).then((ok) => (ok ? pool.release(env) : pool.discard(env)));
  }
}

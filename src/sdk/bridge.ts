import type { Simulation } from "../core/simulation.ts";
import { acquireSdkBridge } from "./intercept.ts";
import { clearBridgeOptions, type SdkBridgeOptions, setBridgeOptions } from "./options.ts";

/**
 * Connects the AWS SDK v3 clients used inside `sim` to its simulated services (registered with
 * `attachServices`), in the given mode, and returns the function that detaches it. Clients need
 * no endpoint, region or credentials; code outside the simulation is not affected.
 *
 * @example
 * const sim = createSimulation({ seed: 1 });
 * attachServices(sim, new ServiceRegistry()).register(dynamodb);
 * const detach = attachSdkBridge(sim, { mode: "wire" });
 * await sim.run(() => handler(event));
 * detach();
 */
export function attachSdkBridge(sim: Simulation, options: SdkBridgeOptions = {}): () => void {
  setBridgeOptions(sim, options);
  const release = acquireSdkBridge();
  let detached = false;
  return () => {
    if (detached) return;
    detached = true;
    clearBridgeOptions(sim);
    release();
  };
}

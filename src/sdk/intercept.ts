import { currentSimulation } from "../core/context.ts";
import { refCounted } from "../core/ref-counted.ts";
import { installAmbientConfigGuard } from "./ambient-config.ts";
import { routeSend } from "./route.ts";
import { type ClientPrototype, clientPrototypes } from "./smithy-client.ts";
import type { SendFunction } from "./types.ts";
import { restoreWireClients } from "./wire-config.ts";

/**
 * Patches `send` of every AWS SDK v3 client (idempotent, reference-counted) and returns the
 * release function; the last release restores the original `send`. Outside a simulation the
 * original runs untouched; inside one, calls go to the simulated services (see `attachSdkBridge`).
 *
 * @example
 * const release = acquireSdkBridge();
 * try { await sim.run(scenario) } finally { release() }
 */
export const acquireSdkBridge: () => () => void = refCounted(() => install(clientPrototypes()));

function install(prototypes: ClientPrototype[]): () => void {
  const originals = prototypes.map((proto) => [proto, proto.send] as const);
  for (const [proto, original] of originals) proto.send = interceptedSend(original);
  const restoreAmbient = installAmbientConfigGuard();
  return () => {
    restoreAmbient();
    for (const [proto, original] of originals) proto.send = original;
    restoreWireClients();
  };
}

function interceptedSend(original: SendFunction): SendFunction {
  return function send(this, command, ...rest) {
    const sim = currentSimulation();
    if (sim === undefined) return original.call(this, command, ...rest);
    return routeSend(sim, this, command, rest, original);
  };
}

import { currentSimulation } from "../core/context.ts";
import { installAmbientConfigGuard } from "./ambient-config.ts";
import { routeSend } from "./route.ts";
import { type ClientPrototype, clientPrototypes } from "./smithy-client.ts";
import type { SendFunction } from "./types.ts";
import { restoreWireClients } from "./wire-config.ts";

let owners = 0;
let restore: (() => void) | undefined;

/**
 * Patches `send` of every AWS SDK v3 client (idempotent, reference-counted) and returns the
 * release function; the last release restores the original `send`. Outside a simulation the
 * original runs untouched; inside one, calls go to the simulated services (see `attachSdkBridge`).
 *
 * @example
 * const release = acquireSdkBridge();
 * try { await sim.run(scenario) } finally { release() }
 */
export function acquireSdkBridge(): () => void {
  if (owners++ === 0) restore = install(clientPrototypes());
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--owners === 0) {
      restore?.();
      restore = undefined;
    }
  };
}

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
    return routeSend({ sim, client: this, command, rest, original });
  };
}

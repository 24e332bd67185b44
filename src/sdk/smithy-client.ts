import { sdkModules } from "./sdk-modules.ts";
import type { SendFunction } from "./types.ts";

/** Where the smithy `Client` class lives: the current SDK, then older SDKs (before @smithy/core). */
const CLIENT_MODULES = ["@smithy/core/client", "@smithy/smithy-client"];

/** A prototype whose `send` every AWS SDK v3 client inherits. */
export interface ClientPrototype {
  send: SendFunction;
}

/**
 * Every distinct smithy `Client.prototype` resolvable from Squall's own location and from the
 * working directory (the user's project may carry its own copy of the SDK). Deduplicated, since
 * both usually resolve to the same file.
 *
 * @example
 * for (const proto of clientPrototypes()) console.log(typeof proto.send); // "function"
 */
export function clientPrototypes(): ClientPrototype[] {
  const found = new Set<ClientPrototype>();
  for (const mod of sdkModules(CLIENT_MODULES)) {
    const proto = (mod as { Client?: { prototype?: Partial<ClientPrototype> } }).Client?.prototype;
    if (proto && typeof proto.send === "function") found.add(proto as ClientPrototype);
  }
  return [...found];
}

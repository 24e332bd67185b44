import { createRequire } from "node:module";
import path from "node:path";
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
  const requirers = [createRequire(import.meta.url), createRequire(path.join(process.cwd(), "index.js"))];
  const found = new Set<ClientPrototype>();
  for (const req of requirers) {
    for (const specifier of CLIENT_MODULES) {
      const proto = tryLoad(req, specifier);
      if (proto) found.add(proto);
    }
  }
  return [...found];
}

function tryLoad(req: NodeJS.Require, specifier: string): ClientPrototype | undefined {
  try {
    const mod = req(specifier) as { Client?: { prototype?: Partial<ClientPrototype> } };
    const proto = mod.Client?.prototype;
    return proto && typeof proto.send === "function" ? (proto as ClientPrototype) : undefined;
  } catch {
    // Not installed at that location: nothing to patch there.
    return undefined;
  }
}

import path from "node:path";
import { currentSimulation } from "../core/context.ts";
import { sdkModules } from "./sdk-modules.ts";

/**
 * Why: the SDK reads `~/.aws/config` and `~/.aws/credentials` (max attempts, retry mode, region,
 * endpoints…) with real, asynchronous file I/O the first time a client needs a setting. Inside a
 * simulation that read would leave the run loop with nothing scheduled while a real promise is
 * pending (a stalled run), and would make results depend on the machine. So, inside a simulation
 * only, the SDK's own file interceptor hands it empty files: settings fall back to the client's
 * code and environment variables, then to the SDK's defaults. Outside, the real files are read.
 */
const CONFIG_MODULES = ["@smithy/core/config", "@smithy/shared-ini-file-loader"];
const EMPTY = Promise.resolve("");

interface ConfigModule {
  externalDataInterceptor?: { getFileRecord?: () => Record<string, Promise<string> | undefined> };
  getHomeDir?: () => string;
}

/**
 * Installs the context-aware empty files in every SDK config loader Squall can resolve and
 * returns the function that removes them.
 *
 * @example
 * const restore = installAmbientConfigGuard();
 */
export function installAmbientConfigGuard(): () => void {
  const undo: (() => void)[] = [];
  const seen = new Set<object>();
  for (const mod of sdkModules(CONFIG_MODULES) as ConfigModule[]) {
    const record = mod.externalDataInterceptor?.getFileRecord?.();
    if (record === undefined || seen.has(record)) continue;
    seen.add(record);
    for (const file of sharedFiles(mod)) undo.push(guardFile(record, file));
    undo.push(guardOtherFiles(record));
  }
  return () => {
    for (const u of undo) u();
  };
}

function guardFile(record: Record<string, Promise<string> | undefined>, file: string): () => void {
  const original = Object.getOwnPropertyDescriptor(record, file);
  // What code outside simulations sees: the SDK's own `interceptFile` (used by test helpers) still works.
  let outside = original?.value as Promise<string> | undefined;
  Object.defineProperty(record, file, {
    configurable: true,
    enumerable: false,
    get: () => (currentSimulation() === undefined ? outside : EMPTY),
    set: (value: Promise<string> | undefined) => {
      outside = value;
    },
  });
  return () => {
    Reflect.deleteProperty(record, file);
    if (outside !== undefined) record[file] = outside;
  };
}

/**
 * Any other path — one that HOME, AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE named only after
 * the guard was installed, an SSO session's file — reads as empty inside a simulation too: the
 * SDK asks its record for every path it reads, and a path the record lacks reaches its prototype.
 */
function guardOtherFiles(record: Record<string, Promise<string> | undefined>): () => void {
  const prototype: unknown = Object.getPrototypeOf(record);
  const fallback = new Proxy(Object.create(prototype as object | null) as object, {
    get: (target, key, receiver) =>
      typeof key === "string" && currentSimulation() !== undefined
        ? EMPTY
        : Reflect.get(target, key, receiver),
  });
  Object.setPrototypeOf(record, fallback);
  return () => {
    if (Object.getPrototypeOf(record) === fallback) Object.setPrototypeOf(record, prototype as object | null);
  };
}

function sharedFiles(mod: ConfigModule): string[] {
  const home = mod.getHomeDir?.() ?? process.env.HOME ?? "";
  const resolve = (file: string) => (file.startsWith("~/") ? path.join(home, file.slice(2)) : file);
  return [
    resolve(process.env.AWS_CONFIG_FILE || path.join(home, ".aws", "config")),
    resolve(process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, ".aws", "credentials")),
  ];
}

import { refCounted } from "../../core/ref-counted.ts";
import { isHiddenHostVariable } from "./host-variables.ts";
import { currentScope } from "./scope.ts";

/**
 * Gives each execution environment its own `process.env`. `process.env` is one object for the
 * whole process, so it is replaced by a Proxy that asks the current async context first: code
 * running in an environment (its init, its invocations, the SDK calls they make) sees that
 * environment's variables over the process's, and its writes and deletes stay in the environment,
 * as they would in a real Lambda sandbox; code anywhere else sees and changes the real object.
 * Host variables that configure the AWS SDK or Lambda libraries (`AWS_*`, `_X_AMZN_*`,
 * `POWERTOOLS_*`, see `isHiddenHostVariable`) are hidden from an environment that does not set
 * them, so a developer's shell cannot change a simulated run.
 * Reference-counted and reversible: the last release puts the original object back.
 *
 * Limitation: a module that kept a reference to `process.env` before the first acquire (rare)
 * reads the real variables.
 *
 * @example
 * const release = acquireEnvironmentVariables();
 * try { await sim.run(scenario) } finally { release() }
 */
export const acquireEnvironmentVariables: () => () => void = refCounted(() => install());

/** Marks a name whose value, for the running code, is the host's own. */
const HOST: unique symbol = Symbol("host");

/** The value the running code sees: its environment's (undefined when unset or hidden), or HOST. */
function environmentValue(key: string | symbol): string | undefined | typeof HOST {
  if (typeof key !== "string") return HOST;
  const vars = currentScope()?.environment.variables;
  if (vars === undefined) return HOST;
  if (vars.has(key)) return vars.get(key);
  return isHiddenHostVariable(key) ? undefined : HOST;
}

function install(): () => void {
  const real = process.env;
  const overlay = (): Map<string, string | undefined> | undefined => currentScope()?.environment.variables;
  const proxy = new Proxy(real, {
    get(target, key, receiver) {
      const value = environmentValue(key);
      return value === HOST ? Reflect.get(target, key, receiver) : value;
    },
    has(target, key) {
      const value = environmentValue(key);
      return value === HOST ? Reflect.has(target, key) : value !== undefined;
    },
    set(target, key, value) {
      const vars = typeof key === "string" ? overlay() : undefined;
      // Not Reflect.set(…, receiver): with the proxy as receiver it would redefine an existing
      // variable with a partial descriptor, which Node's env object refuses (a TypeError).
      if (vars === undefined) return Reflect.set(target, key, value);
      // Node's process.env turns every value into a string; so does the overlay.
      vars.set(key as string, String(value));
      return true;
    },
    deleteProperty(target, key) {
      const vars = typeof key === "string" ? overlay() : undefined;
      if (vars === undefined) return Reflect.deleteProperty(target, key);
      vars.set(key as string, undefined);
      return true;
    },
    ownKeys(target) {
      const vars = overlay();
      const keys = Reflect.ownKeys(target);
      if (vars === undefined) return keys;
      const shown = keys.filter((k) => typeof k !== "string" || !isHiddenHostVariable(k));
      const merged = new Set<string | symbol>(shown);
      for (const [k, v] of vars) {
        if (v === undefined) merged.delete(k);
        else merged.add(k);
      }
      return [...merged];
    },
    getOwnPropertyDescriptor(target, key) {
      const value = environmentValue(key);
      if (value === HOST) return Reflect.getOwnPropertyDescriptor(target, key);
      return value === undefined
        ? undefined
        : { value, writable: true, enumerable: true, configurable: true };
    },
  });
  process.env = proxy;
  return () => {
    if (process.env === proxy) process.env = real;
  };
}

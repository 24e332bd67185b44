import { refCounted } from "../../core/ref-counted.ts";
import { currentScope } from "./scope.ts";

/**
 * Gives each execution environment its own `process.env`. `process.env` is one object for the
 * whole process, so it is replaced by a Proxy that asks the current async context first: code
 * running in an environment (its init, its invocations, the SDK calls they make) sees that
 * environment's variables over the process's, and its writes and deletes stay in the environment,
 * as they would in a real Lambda sandbox; code anywhere else sees and changes the real object.
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

function install(): () => void {
  const real = process.env;
  const overlay = (): Map<string, string | undefined> | undefined => currentScope()?.environment.variables;
  const proxy = new Proxy(real, {
    get(target, key, receiver) {
      const vars = typeof key === "string" ? overlay() : undefined;
      if (vars?.has(key as string)) return vars.get(key as string);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      const vars = typeof key === "string" ? overlay() : undefined;
      if (vars?.has(key as string)) return vars.get(key as string) !== undefined;
      return Reflect.has(target, key);
    },
    set(target, key, value, receiver) {
      const vars = typeof key === "string" ? overlay() : undefined;
      if (vars === undefined) return Reflect.set(target, key, value, receiver);
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
      const merged = new Set<string | symbol>(keys);
      for (const [k, v] of vars) {
        if (v === undefined) merged.delete(k);
        else merged.add(k);
      }
      return [...merged];
    },
    getOwnPropertyDescriptor(target, key) {
      const vars = typeof key === "string" ? overlay() : undefined;
      if (vars?.has(key as string)) {
        const value = vars.get(key as string);
        return value === undefined
          ? undefined
          : { value, writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  process.env = proxy;
  return () => {
    if (process.env === proxy) process.env = real;
  };
}

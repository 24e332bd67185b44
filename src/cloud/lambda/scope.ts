import { currentSimulation } from "../../core/context.ts";
import type { Simulation } from "../../core/simulation.ts";

/**
 * What code running inside an execution environment is attached to: the environment's variables,
 * whether it is frozen, and where its console output goes. Shared by the init phase and every
 * invocation of one environment.
 */
export interface EnvironmentScope {
  /** The function's and Lambda's variables, changed by the handler's own `process.env` writes. */
  readonly variables: Map<string, string | undefined>;
  /** Set when the environment is discarded (a timeout): its SDK calls and logs go nowhere. */
  frozen: boolean;
  /** Writes one formatted log line of the environment (dropped once it is frozen). */
  log(requestId: string | undefined, line: string): void;
}

/** A span that runs code of an environment: its init phase (no request id) or an invocation. */
export interface Scope {
  readonly environment: EnvironmentScope;
  readonly requestId: string | undefined;
}

/**
 * Maps span ids to scopes. Console capture, the `process.env` view and the SDK bridge's frozen
 * check find the scope of the running code from the current span: the invocation's own span, or
 * one under it (an SDK call), found by walking up the trace's parents.
 *
 * @example
 * registry.register("s4", { environment, requestId: "c0ffee…" });
 * registry.lookup("s5", (id) => trace.get(id)?.parentId); // the scope of s4 when s5 is its child
 */
export class ScopeRegistry {
  private readonly bySpan = new Map<string, Scope>();

  register(spanId: string, scope: Scope): void {
    this.bySpan.set(spanId, scope);
  }

  unregister(spanId: string): void {
    this.bySpan.delete(spanId);
  }

  lookup(spanId: string | undefined, parentOf: (id: string) => string | undefined): Scope | undefined {
    for (let id = spanId, depth = 0; id !== undefined && depth < 64; id = parentOf(id), depth++) {
      const scope = this.bySpan.get(id);
      if (scope !== undefined) return scope;
    }
    return undefined;
  }
}

const registries = new WeakMap<Simulation, ScopeRegistry>();

/**
 * The registry of a simulation, created on first use.
 *
 * @example
 * scopeRegistryOf(sim).register(spanId, { environment, requestId });
 */
export function scopeRegistryOf(sim: Simulation): ScopeRegistry {
  let registry = registries.get(sim);
  if (registry === undefined) {
    registry = new ScopeRegistry();
    registries.set(sim, registry);
  }
  return registry;
}

/**
 * The environment scope the calling code runs in, if it runs inside a simulated Lambda.
 *
 * @example
 * const scope = currentScope();
 * if (scope?.environment.frozen) return; // the environment timed out
 */
export function currentScope(): Scope | undefined {
  const sim = currentSimulation();
  if (sim === undefined) return undefined;
  const registry = registries.get(sim);
  if (registry === undefined) return undefined;
  return registry.lookup(sim.currentSpanId(), (id) => sim.trace.get(id)?.parentId);
}

/**
 * Whether the calling code runs in an execution environment that Lambda has discarded (after a
 * timeout). The SDK bridge asks this before sending: a frozen environment's calls never complete.
 *
 * @example
 * if (isEnvironmentFrozen()) return new Promise(() => {}); // never settles, no effect
 */
export function isEnvironmentFrozen(): boolean {
  return currentScope()?.environment.frozen ?? false;
}

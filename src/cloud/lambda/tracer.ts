import type { KernelServices } from "../../core/services.ts";
import { Simulation } from "../../core/simulation.ts";
import type { SpanAttributes, SpanKind } from "../../core/trace.ts";
import { type ScopeRegistry, scopeRegistryOf } from "./scope.ts";

/**
 * What the Lambda runtime needs of the trace: open and close spans, and run code with a span as
 * the current one (so that SDK calls, timers and console calls made there are attributed to it).
 *
 * @example
 * const spanId = tracer.open({ kind: "invocation", name: "reserveStock", attributes: {}, links: [] });
 * await tracer.run(spanId, () => handler(event, context));
 * tracer.close(spanId);
 */
export interface InvocationTracer {
  open(init: {
    kind: SpanKind;
    name: string;
    parentId?: string | undefined;
    attributes: SpanAttributes;
    links: readonly string[];
  }): string;
  setAttribute(spanId: string, key: string, value: string | number | boolean): void;
  close(spanId: string, error?: string): void;
  run<T>(spanId: string, fn: () => T): T;
  /** Where scopes are registered for console, `process.env` and the frozen check; none in a fake. */
  readonly scopes: ScopeRegistry | undefined;
}

/**
 * The tracer of a kernel: the simulation's own trace when the kernel is a `Simulation`, else a
 * stand-in that numbers spans and runs code as it is (for unit tests with a hand-made kernel).
 *
 * @example
 * const tracer = tracerFor(sim);
 */
export function tracerFor(kernel: KernelServices): InvocationTracer {
  return kernel instanceof Simulation ? simulationTracer(kernel) : detachedTracer();
}

function simulationTracer(sim: Simulation): InvocationTracer {
  return {
    open: (init) =>
      sim.trace.start({
        kind: init.kind,
        name: init.name,
        atMs: sim.nowMs(),
        parentId: init.parentId,
        attributes: init.attributes,
        links: init.links,
      }).id,
    setAttribute: (spanId, key, value) => {
      const span = sim.trace.get(spanId);
      if (span !== undefined) sim.trace.setAttribute(span, key, value);
    },
    close: (spanId, error) => {
      const span = sim.trace.get(spanId);
      if (span === undefined) return;
      sim.trace.end(span, error === undefined ? { atMs: sim.nowMs() } : { atMs: sim.nowMs(), error });
    },
    run: (spanId, fn) => sim.withSpan(spanId, fn),
    scopes: scopeRegistryOf(sim),
  };
}

function detachedTracer(): InvocationTracer {
  let next = 0;
  return {
    open: () => `lambda-span-${++next}`,
    setAttribute: () => {},
    close: () => {},
    run: (_spanId, fn) => fn(),
    scopes: undefined,
  };
}

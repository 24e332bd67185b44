import type { CallLabels, ServiceRegistry, SimulatedService } from "../cloud/services.ts";
import { callLabels, servicesOf } from "../cloud/services.ts";
import type { Simulation } from "../core/simulation.ts";
import type { Span, Trace } from "../core/trace.ts";
import { type CorrelationNames, callAttributes } from "./call-attributes.ts";
import { isDocumentCommand } from "./document.ts";
import { fastSend } from "./fast.ts";
import { bridgeOptionsOf, type ResolvedBridgeOptions } from "./options.ts";
import type { SdkClientLike, SdkCommandLike, SendFunction } from "./types.ts";
import { UnhandledSdkRequestError } from "./unhandled-request-error.ts";
import { wireSend } from "./wire.ts";

/** One intercepted `send`, as the patched prototype hands it over. */
export interface InterceptedSend {
  readonly sim: Simulation;
  readonly client: SdkClientLike;
  readonly command: SdkCommandLike;
  readonly rest: readonly unknown[];
  readonly original: SendFunction;
}

/** An intercepted call to a simulated service, with everything the modes need. */
export interface BridgeCall extends InterceptedSend {
  readonly service: SimulatedService;
  readonly registry: ServiceRegistry;
  readonly serviceId: string;
  readonly operation: string;
  /** The labels the call is traced, scheduled and drawn under. */
  readonly labels: CallLabels;
  /** The low-level command (for a DocumentClient command, the one it wraps). */
  readonly lowLevel: SdkCommandLike;
}

/**
 * Routes one `send` made inside a simulation: to the simulated service in the simulation's mode,
 * inside an `sdk-call` span; or, for a service not simulated, by the unhandled-request policy.
 * Keeps `send`'s calling conventions: a promise, or a callback as the last argument. Takes the
 * parts of the {@link InterceptedSend} one by one: this runs on every call.
 */
export function routeSend(
  sim: Simulation,
  client: SdkClientLike,
  command: SdkCommandLike,
  rest: readonly unknown[],
  original: SendFunction,
): unknown {
  const options = bridgeOptionsOf(sim);
  const serviceId = client.config.serviceId ?? "an unknown service";
  const lowLevel = isDocumentCommand(command) ? command.clientCommand : command;
  const operation = operationName(lowLevel);
  const registry = servicesOf(sim);
  const service = registry?.get(serviceId);
  if (registry === undefined || service === undefined) {
    if (options.onUnhandledRequest === "bypass") return original.call(client, command, ...rest);
    const known = registry?.serviceIds().join(", ") || "none";
    const error = new UnhandledSdkRequestError(
      `${serviceId}.${operation} was called inside simulation (seed ${sim.seed}), but ${serviceId} is not ` +
        `simulated (simulated services: ${known}). Add it to the app, or attach the SDK bridge with ` +
        `onUnhandledRequest: "bypass" to let the call through.`,
    );
    return settle(Promise.reject(error), rest);
  }
  const call: BridgeCall = {
    sim,
    client,
    command,
    rest,
    original,
    service,
    registry,
    serviceId,
    operation,
    labels: callLabels(serviceId, operation),
    lowLevel,
  };
  const span = openSpan(call, options.correlation);
  return settle(
    sim.withSpan(span.id, () => runTraced(call, span, options)),
    rest,
  );
}

// The attributes name the call's resource and the correlation ids it carries, for `hops()`.
function openSpan(call: BridgeCall, correlation: CorrelationNames): Span {
  const { sim } = call;
  return sim.trace.start({
    kind: "sdk-call",
    name: call.labels.call,
    atMs: sim.nowMs(),
    parentId: sim.currentSpanId(),
    attributes: callAttributes(call.serviceId, call.operation, call.lowLevel.input, correlation),
  });
}

// A plain `.then` rather than an async function: one promise fewer on every call's path.
function runTraced(call: BridgeCall, span: Span, options: ResolvedBridgeOptions): Promise<unknown> {
  const { sim } = call;
  let sent: Promise<unknown>;
  try {
    sent = options.mode === "wire" ? wireSend(call, options.region) : fastSend(call);
  } catch (error) {
    sent = Promise.reject(error);
  }
  return sent.then(
    (output) => {
      recordAttempts(sim.trace, span, output);
      sim.trace.end(span, { atMs: sim.nowMs() });
      return output;
    },
    (error: unknown) => {
      recordAttempts(sim.trace, span, error);
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      sim.trace.end(span, { atMs: sim.nowMs(), error: message });
      throw error;
    },
  );
}

function recordAttempts(trace: Trace, span: Span, result: unknown): void {
  const attempts = (result as { $metadata?: { attempts?: unknown } } | undefined)?.$metadata?.attempts;
  if (typeof attempts === "number") trace.setAttribute(span, "attempts", attempts);
}

function settle(promise: Promise<unknown>, rest: readonly unknown[]): unknown {
  if (rest.length === 0) return promise;
  const callback = rest.findLast((r) => typeof r === "function") as
    | ((error: unknown, output?: unknown) => void)
    | undefined;
  if (callback === undefined) return promise;
  promise.then(
    (output) => callback(null, output),
    (error: unknown) => callback(error),
  );
  return undefined;
}

const operationNames = new WeakMap<object, string>();

/** `PutItem` for a `PutItemCommand`: from the operation schema, else from the class name. */
export function operationName(command: SdkCommandLike): string {
  const ctor = (command as object).constructor;
  let name = operationNames.get(ctor);
  if (name === undefined) {
    const schema = command.schema;
    const fromSchema = Array.isArray(schema) && typeof schema[2] === "string" ? schema[2] : undefined;
    name = fromSchema ?? ctor.name.replace(/Command$/, "");
    operationNames.set(ctor, name);
  }
  return name;
}

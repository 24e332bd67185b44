import { SquallError } from "../core/errors.ts";
import type { Simulation } from "../core/simulation.ts";

/**
 * A simulated AWS service as the SDK bridge sees it: one operation at a time on the current
 * state, in the low-level SDK's input/output shapes, failing with `AwsServiceError`. Most
 * operations answer at once; one that waits (an SQS long poll, a synchronous Lambda invoke)
 * returns a promise that settles from the simulation's own scheduled actions. Every answer is a
 * fresh object the caller may change.
 */
export interface SimulatedService {
  /** The SDK's `serviceId` for the service's client: `DynamoDB`, `DynamoDB Streams`, `SQS`… */
  readonly serviceId: string;
  handle(operation: string, input: Record<string, unknown>): ServiceAnswer;
  /**
   * A latency fault: the latency of one call drawn by the service's fault plan, replacing the
   * registry's; undefined when the fault is off (the registry's own draw then happens as before).
   */
  faultLatencyMs?(operation: string): number | undefined;
}

/**
 * An output member (not part of any SDK shape) by which a service names the request id of its
 * response, where AWS ties it to the work done: Lambda answers Invoke with the invocation's own
 * request id, the `awsRequestId` its logs carry. The bridge puts it in `$metadata` (or the
 * `x-amzn-requestid` header) and removes the member.
 */
export const RESPONSE_REQUEST_ID = "$requestId";

/**
 * The request id a response carries: the one the service named, else `fallback`. Removes the
 * member from the output.
 *
 * @example const id = takeResponseRequestId(output, sim.uuid("Lambda.requestId"));
 */
export function takeResponseRequestId(output: Record<string, unknown>, fallback: string): string {
  const named = output[RESPONSE_REQUEST_ID];
  if (typeof named !== "string") return fallback;
  delete output[RESPONSE_REQUEST_ID];
  return named;
}

/**
 * What a simulated service answers: the output now, or a promise of it. Outputs are the SDK's
 * output shapes (`SendMessageResult`…), which are plain objects without index signatures.
 */
export type ServiceAnswer = object | Promise<object>;

/**
 * Calls `then` with the answer — at once when it is not a promise, so that operations answering
 * at once cost no extra turn of the run loop — and `fail` with whatever the service threw.
 *
 * @example
 * settleAnswer(() => service.handle(op, input), (out) => resolve(out), (error) => reject(error));
 */
export function settleAnswer(
  answer: () => ServiceAnswer,
  then: (output: Record<string, unknown>) => void,
  fail: (error: unknown) => void,
): void {
  let result: ServiceAnswer;
  try {
    result = answer();
  } catch (error) {
    fail(error);
    return;
  }
  if (result instanceof Promise) result.then((output) => then(output as Record<string, unknown>), fail);
  else then(result as Record<string, unknown>);
}

/** The simulated network delay of one call, drawn uniformly from [minMs, maxMs]. */
export interface LatencyRange {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Options of {@link ServiceRegistry}. */
export interface ServiceRegistryOptions {
  /** Latency per service id; a service without an entry answers in `defaultLatency`. */
  latency?: Record<string, LatencyRange>;
  /** Default: 2–8 ms, the single-digit-millisecond range DynamoDB documents for its requests. */
  defaultLatency?: LatencyRange;
}

const registries = new WeakMap<Simulation, ServiceRegistry>();

/**
 * The simulated services of one simulation, by SDK service id. The SDK bridge finds it from the
 * current simulation with {@link servicesOf}.
 *
 * @example
 * const registry = attachServices(sim, new ServiceRegistry());
 * registry.register(dynamodb);
 */
export class ServiceRegistry {
  private readonly byId = new Map<string, SimulatedService>();
  private readonly latency: Record<string, LatencyRange>;
  private readonly defaultLatency: LatencyRange;

  constructor(options: ServiceRegistryOptions = {}) {
    this.latency = { ...options.latency };
    this.defaultLatency = options.defaultLatency ?? { minMs: 2, maxMs: 8 };
    for (const range of [this.defaultLatency, ...Object.values(this.latency)]) validateLatency(range);
  }

  register(service: SimulatedService): void {
    this.byId.set(service.serviceId, service);
  }

  get(serviceId: string): SimulatedService | undefined {
    return this.byId.get(serviceId);
  }

  /** Service ids that are simulated, for error messages. */
  serviceIds(): string[] {
    return [...this.byId.keys()];
  }

  /** Draws the latency of one call from the choice stream (the service's latency fault, when on). */
  drawLatencyMs(sim: Simulation, serviceId: string, operation: string): number {
    const faulty = this.byId.get(serviceId)?.faultLatencyMs?.(operation);
    if (faulty !== undefined) return faulty;
    const range = this.latency[serviceId] ?? this.defaultLatency;
    const span = range.maxMs - range.minMs;
    return range.minMs + (span === 0 ? 0 : sim.nextInt(callLabels(serviceId, operation).latency, span + 1));
  }
}

function validateLatency(range: LatencyRange): void {
  const ok = Number.isInteger(range.minMs) && Number.isInteger(range.maxMs) && range.minMs >= 0;
  if (!ok || range.maxMs < range.minMs) {
    throw new SquallError(
      `latency range {minMs: ${range.minMs}, maxMs: ${range.maxMs}} is invalid: use whole milliseconds with 0 ≤ minMs ≤ maxMs`,
    );
  }
}

/** Attaches a registry to a simulation (one per simulation) and returns it. */
export function attachServices(sim: Simulation, registry: ServiceRegistry): ServiceRegistry {
  registries.set(sim, registry);
  return registry;
}

/** The services of a simulation, if any were attached. */
export function servicesOf(sim: Simulation): ServiceRegistry | undefined {
  return registries.get(sim);
}

/** The labels of one kind of call: its action and span name, and its latency and request-id draws. */
export interface CallLabels {
  /** `DynamoDB.PutItem`. */
  readonly call: string;
  readonly latency: string;
  /** `DynamoDB.requestId`. */
  readonly requestId: string;
}

const labelCache = new Map<string, Map<string, CallLabels>>();

/**
 * The labels of a service's operation, built once: every call draws and traces under them, and
 * building the strings per call showed in profiles.
 *
 * @example callLabels("DynamoDB", "PutItem").latency // "DynamoDB.PutItem.latencyMs"
 */
export function callLabels(serviceId: string, operation: string): CallLabels {
  let byOperation = labelCache.get(serviceId);
  if (byOperation === undefined) {
    byOperation = new Map();
    labelCache.set(serviceId, byOperation);
  }
  let labels = byOperation.get(operation);
  if (labels === undefined) {
    const call = `${serviceId}.${operation}`;
    labels = { call, latency: `${call}.latencyMs`, requestId: `${serviceId}.requestId` };
    byOperation.set(operation, labels);
  }
  return labels;
}

import { servicesOf } from "../cloud/services.ts";
import { currentSimulation } from "../core/context.ts";
import { answerInProcess } from "./in-process-handler.ts";
import { protocolOf } from "./protocols/service-protocol.ts";
import { rememberOwnRetryStrategy, simulatedRetryStrategy } from "./retry-strategy.ts";
import type { HttpRequestLike, RetryStrategyLike, SdkClientConfig, SdkClientLike } from "./types.ts";

/**
 * Why wrap the client's config instead of swapping it for the call: a module-scope client is
 * shared by every simulation in the process (and by code outside any), possibly at the same time,
 * so a temporary swap would leak into the others. Instead the first `wire` call wraps three of its
 * resolved settings, once, with versions that ask the async context: inside a simulation they give
 * fake static credentials, the simulation's region and the in-process request handler, so no
 * credential, region or network lookup can reach the real world; outside they defer to the
 * originals. Restored when the bridge is released.
 */
const FAKE_CREDENTIALS = Object.freeze({
  accessKeyId: "SQUALLSIMULATEDKEY",
  secretAccessKey: "squall-simulated-secret-key",
});

type Provider = (...args: unknown[]) => unknown;
type Originals = Record<(typeof WRAPPED_KEYS)[number], unknown>;

/** `useFipsEndpoint` asks the original region provider itself, whose last resort is EC2's metadata service. */
const WRAPPED_KEYS = ["credentials", "region", "useFipsEndpoint", "requestHandler", "retryStrategy"] as const;
interface RequestHandlerLike {
  handle(request: HttpRequestLike, options?: unknown): Promise<unknown>;
}

const wrapped = new Map<SdkClientConfig, Originals>();

/** Wraps `client`'s credentials, region and request handler (once per config). */
export function prepareWireClient(client: SdkClientLike, defaultRegion: string): void {
  const config = client.config;
  if (wrapped.has(config)) return;
  const originals = Object.fromEntries(WRAPPED_KEYS.map((k) => [k, config[k]])) as Originals;
  wrapped.set(config, originals);
  const explicitRegion = client.initConfig?.region;
  const region = typeof explicitRegion === "string" ? explicitRegion : defaultRegion;
  config.credentials = contextual(async () => FAKE_CREDENTIALS, originals.credentials);
  config.region = contextual(async () => region, originals.region);
  config.useFipsEndpoint = contextual(async () => false, originals.useFipsEndpoint);
  // The same per-simulation strategy `fast` mode uses (see retry-strategy.ts).
  rememberOwnRetryStrategy(config, originals.retryStrategy);
  const strategy = contextual(
    () => simulatedRetryStrategy(currentSimulation()!, config),
    originals.retryStrategy,
  );
  config.retryStrategy = strategy as () => Promise<RetryStrategyLike>;
  config.requestHandler = inProcessHandler(config, originals.requestHandler as RequestHandlerLike);
  // A cached middleware handler captured the old request handler.
  Reflect.deleteProperty(client, "handlers");
}

/** Puts back every wrapped setting. */
export function restoreWireClients(): void {
  for (const [config, originals] of wrapped) Object.assign(config, originals);
  wrapped.clear();
}

function contextual(inside: Provider, original: unknown): Provider {
  return (...args: unknown[]) => {
    if (currentSimulation() !== undefined) return inside(...args);
    return typeof original === "function" ? (original as Provider)(...args) : Promise.resolve(original);
  };
}

function inProcessHandler(config: SdkClientConfig, original: RequestHandlerLike): RequestHandlerLike {
  return new Proxy(original, {
    get(target, key, receiver) {
      if (key !== "handle") return Reflect.get(target, key, receiver);
      return (request: HttpRequestLike, options?: unknown) => {
        const sim = currentSimulation();
        const serviceId = config.serviceId ?? "";
        if (sim !== undefined && servicesOf(sim)?.get(serviceId) !== undefined) {
          return answerInProcess(sim, serviceId, request, protocolOf(serviceId, config));
        }
        return target.handle(request, options);
      };
    },
  });
}

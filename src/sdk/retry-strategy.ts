import { AdaptiveRetryStrategy, StandardRetryStrategy } from "@smithy/core/retry";
import type { Simulation } from "../core/simulation.ts";
import type { RetryStrategyLike, SdkClientConfig } from "./types.ts";

/**
 * The retry strategy a client uses inside one simulation. Why not simply the client's own
 * `config.retryStrategy()`: a module-scope client's default strategy is one object shared by every
 * simulation in the process, so its retry quota would carry over from one run into the next; and
 * resolving it the first time may wait on real file I/O the SDK started when the client was built
 * (its defaults-mode lookup), which a simulation cannot wait for. So each simulation gets a fresh
 * strategy of the same kind, built from the client's `maxAttempts` and `retryMode` as its code set
 * them (else `AWS_MAX_ATTEMPTS`/`AWS_RETRY_MODE`, else the SDK's defaults for the service). A
 * strategy object the user passed in `retryStrategy` is used as it is.
 */
const bySimulation = new WeakMap<Simulation, WeakMap<SdkClientConfig, Promise<RetryStrategyLike>>>();

/** The SDK's per-service retry defaults (`resolveRetryConfig(…, { defaultBaseDelay })` in each client). */
const BASE_DELAY_MS: Readonly<Record<string, number>> = { DynamoDB: 25, "DynamoDB Streams": 25 };
const DEFAULT_BASE_DELAY_MS = 50;

/** The client's own `retryStrategy` provider, where `wire` mode has wrapped the config's. */
const ownProviders = new WeakMap<SdkClientConfig, unknown>();

/** Records the client's own provider before `wire` mode wraps it (so it is not asked for itself). */
export function rememberOwnRetryStrategy(config: SdkClientConfig, provider: unknown): void {
  ownProviders.set(config, provider);
}

/** The same strategies once resolved, so later calls need not await them again. */
const resolvedBySimulation = new WeakMap<Simulation, WeakMap<SdkClientConfig, RetryStrategyLike>>();

/**
 * The client's retry strategy inside `sim` if it has already resolved, else undefined (then
 * await {@link simulatedRetryStrategy}). Spares `fast` mode an await on every call after the first.
 *
 * @example
 * const strategy = resolvedRetryStrategy(sim, client.config) ?? (await simulatedRetryStrategy(sim, client.config));
 */
export function resolvedRetryStrategy(
  sim: Simulation,
  config: SdkClientConfig,
): RetryStrategyLike | undefined {
  return resolvedBySimulation.get(sim)?.get(config);
}

/**
 * The client's retry strategy for calls made inside `sim` (one per simulation and client).
 *
 * @example
 * const strategy = await simulatedRetryStrategy(sim, client.config);
 * const token = await strategy.acquireInitialRetryToken("");
 */
export function simulatedRetryStrategy(sim: Simulation, config: SdkClientConfig): Promise<RetryStrategyLike> {
  let byConfig = bySimulation.get(sim);
  if (byConfig === undefined) {
    byConfig = new WeakMap();
    bySimulation.set(sim, byConfig);
  }
  let strategy = byConfig.get(config);
  if (strategy === undefined) {
    strategy = createStrategy(config);
    byConfig.set(config, strategy);
    strategy.then((resolved) => rememberResolved(sim, config, resolved), ignoreHere);
  }
  return strategy;
}

function rememberResolved(sim: Simulation, config: SdkClientConfig, strategy: RetryStrategyLike): void {
  let byConfig = resolvedBySimulation.get(sim);
  if (byConfig === undefined) {
    byConfig = new WeakMap();
    resolvedBySimulation.set(sim, byConfig);
  }
  byConfig.set(config, strategy);
}

/** A failure to build the strategy reaches the caller through the promise it awaits. */
function ignoreHere(): void {}

async function createStrategy(config: SdkClientConfig): Promise<RetryStrategyLike> {
  const own = await userStrategy(config);
  if (own !== undefined) return own;
  const maxAttemptsProvider = config.maxAttempts;
  const maxAttempts =
    typeof maxAttemptsProvider === "function"
      ? Number(await (maxAttemptsProvider as () => Promise<unknown>)())
      : Number(maxAttemptsProvider ?? 3);
  const retryMode = typeof config.retryMode === "string" ? config.retryMode : process.env.AWS_RETRY_MODE;
  const baseDelay = BASE_DELAY_MS[config.serviceId ?? ""] ?? DEFAULT_BASE_DELAY_MS;
  if (retryMode === "adaptive") {
    const adaptive = new AdaptiveRetryStrategy(async () => maxAttempts, { maxAttempts, baseDelay } as never);
    return adaptive as unknown as RetryStrategyLike;
  }
  return new StandardRetryStrategy({ maxAttempts, baseDelay } as never) as unknown as RetryStrategyLike;
}

/**
 * A strategy object given to the client's constructor comes back from `config.retryStrategy()`
 * at once (an already-resolved promise), and is not one of the SDK's default classes.
 */
async function userStrategy(config: SdkClientConfig): Promise<RetryStrategyLike | undefined> {
  const provider = ownProviders.has(config) ? ownProviders.get(config) : config.retryStrategy;
  if (typeof provider !== "function") return undefined;
  const pending = (provider as () => Promise<unknown>)();
  const marker = {};
  let ticks: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < 3; i++) ticks = ticks.then(() => undefined);
  const first = await Promise.race([pending, ticks.then(() => marker)]);
  if (first === marker) return undefined;
  const strategy = first as RetryStrategyLike;
  const name = (strategy as object).constructor.name;
  if (name === "StandardRetryStrategy" || name === "AdaptiveRetryStrategy") return undefined;
  return typeof strategy.acquireInitialRetryToken === "function" ? strategy : undefined;
}

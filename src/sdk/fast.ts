import { getRetryAfterHint, isServerError, isThrottlingError, isTransientError } from "@smithy/core/retry";
import { AwsServiceError } from "../cloud/aws-error.ts";
import { isEnvironmentFrozen } from "../cloud/lambda/scope.ts";
import { callLabels, settleAnswer, takeResponseRequestId } from "../cloud/services.ts";
import { isDocumentCommand, marshallDocumentInput, unmarshallDocumentOutput } from "./document.ts";
import { toSdkException } from "./exceptions.ts";
import { withIdempotencyTokens } from "./idempotency.ts";
import { serviceInput, shapeOutput } from "./protocols/fast-parity.ts";
import { resolvedRetryStrategy, simulatedRetryStrategy } from "./retry-strategy.ts";
import type { BridgeCall } from "./route.ts";
import type { RetryErrorInfo } from "./types.ts";

type Output = Record<string, unknown>;

/** A service error on its way back to the caller, with the request id of the attempt. */
class AttemptFailure {
  constructor(
    readonly error: AwsServiceError,
    readonly requestId: string,
  ) {}
}

/**
 * `fast` mode: answers a command at `send`, without the middleware stack, and models what the
 * stack would do around it — DocumentClient (un)marshalling, the client's own retry strategy
 * (its `maxAttempts`, `retryMode` and back-off, sleeping on virtual time), `$metadata`, and the
 * SDK's exception classes. Draws the same choices in the same order as `wire` mode, so both
 * modes reach the same results at the same virtual times.
 */
export async function fastSend(call: BridgeCall): Promise<unknown> {
  const { client, command } = call;
  const translate = client.config.translateConfig;
  const marshalled = isDocumentCommand(command) ? marshallDocumentInput(command, translate) : command.input;
  const input = serviceInput(call.lowLevel.schema, withIdempotencyTokens(call.lowLevel, marshalled));
  // The SDK's retry middleware draws an invocation id (amz-sdk-invocation-id) once per send.
  globalThis.crypto.randomUUID();
  const strategy =
    resolvedRetryStrategy(call.sim, client.config) ?? (await simulatedRetryStrategy(call.sim, client.config));
  let token = await strategy.acquireInitialRetryToken("");
  let retries = 0;
  let totalRetryDelay = 0;
  for (;;) {
    let error: unknown;
    try {
      const output = await attempt(call, input);
      strategy.recordSuccess(token);
      (output.$metadata as Output).attempts = retries + 1;
      (output.$metadata as Output).totalRetryDelay = totalRetryDelay;
      return isDocumentCommand(command) ? unmarshallDocumentOutput(command, output, translate) : output;
    } catch (failure) {
      if (!(failure instanceof AttemptFailure)) throw failure;
      error = await toSdkException(call, failure.error, failure.requestId);
    }
    try {
      token = await strategy.refreshRetryTokenForRetry(token, retryErrorInfo(error));
    } catch {
      const failed = error as { $metadata?: Output };
      failed.$metadata = { ...failed.$metadata, attempts: retries + 1, totalRetryDelay };
      throw error;
    }
    retries = token.getRetryCount();
    const delayMs = token.getRetryDelay();
    totalRetryDelay += (token.$retryLog?.acquisitionDelay ?? 0) + delayMs;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** One attempt: the call travels for a drawn latency, then the service answers it at that virtual time. */
function attempt(call: BridgeCall, input: Output): Promise<Output> {
  // Lambda discarded the calling environment (a timeout): its calls never arrive, never answer.
  if (isEnvironmentFrozen()) return new Promise(() => {});
  const { sim, service, serviceId, operation } = call;
  const latencyMs = call.registry.drawLatencyMs(sim, serviceId, operation);
  return new Promise((resolve, reject) => {
    const labels = callLabels(serviceId, operation);
    sim.schedule(latencyMs, labels.call, () => {
      const requestId = sim.uuid(labels.requestId);
      settleAnswer(
        () => service.handle(operation, input),
        (output) => {
          output.$metadata = {
            httpStatusCode: shapeOutput(call.lowLevel.schema, output),
            requestId: takeResponseRequestId(output, requestId),
            extendedRequestId: undefined,
            cfId: undefined,
          };
          resolve(output);
        },
        (error) => reject(error instanceof AwsServiceError ? new AttemptFailure(error, requestId) : error),
      );
    });
  });
}

/** Classifies an error exactly as the SDK's retry middleware does. */
function retryErrorInfo(error: unknown): RetryErrorInfo {
  const e = error as Error;
  const errorType = isThrottlingError(e as never)
    ? "THROTTLING"
    : isTransientError(e as never)
      ? "TRANSIENT"
      : isServerError(e as never)
        ? "SERVER_ERROR"
        : "CLIENT_ERROR";
  const retryAfterHint = getRetryAfterHint((error as { $response?: unknown }).$response as never);
  return retryAfterHint === undefined ? { error, errorType } : { error, errorType, retryAfterHint };
}

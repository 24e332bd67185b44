import { AwsServiceError } from "../cloud/aws-error.ts";
import { isEnvironmentFrozen } from "../cloud/lambda/scope.ts";
import { servicesOf, settleAnswer, takeResponseRequestId } from "../cloud/services.ts";
import type { Simulation } from "../core/simulation.ts";
import { decodeRequest, encodeError, encodeResponse } from "./protocols/codec.ts";
import type { ServerRequest } from "./protocols/http.ts";
import { protocolOf, type ServiceProtocol } from "./protocols/service-protocol.ts";
import type { HttpResponseLike } from "./types.ts";

/**
 * Answers one HTTP request of the SDK in the service's protocol (AWS JSON, AWS Query or
 * REST-JSON): the request travels for a drawn latency, then the simulated service handles it at
 * that virtual time. Draws the same choices as `fast` mode does for one attempt (latency, then
 * request id).
 *
 * @example
 * const { response } = await answerInProcess(sim, "SNS", request, protocolOf("SNS", client.config));
 */
export function answerInProcess(
  sim: Simulation,
  serviceId: string,
  request: ServerRequest,
  protocol: ServiceProtocol = protocolOf(serviceId),
): Promise<{ response: HttpResponseLike }> {
  // Lambda discarded the calling environment (a timeout): its calls never arrive, never answer.
  if (isEnvironmentFrozen()) return new Promise(() => {});
  const registry = servicesOf(sim);
  const service = registry?.get(serviceId);
  if (registry === undefined || service === undefined) {
    return Promise.reject(new Error(`${serviceId} is not simulated in simulation (seed ${sim.seed})`));
  }
  let decoded: ReturnType<typeof decodeRequest>;
  try {
    decoded = decodeRequest(protocol, request);
  } catch (error) {
    return Promise.reject(error);
  }
  const { operation, input } = decoded;
  const latencyMs = registry.drawLatencyMs(sim, serviceId, operation);
  return new Promise((resolve, reject) => {
    sim.schedule(latencyMs, `${serviceId}.${operation}`, () => {
      const requestId = sim.uuid(`${serviceId}.requestId`);
      settleAnswer(
        () => service.handle(operation, input),
        (output) => {
          try {
            resolve({
              response: encodeResponse(protocol, operation, output, takeResponseRequestId(output, requestId)),
            });
          } catch (error) {
            reject(error);
          }
        },
        (error) => {
          if (error instanceof AwsServiceError)
            resolve({ response: encodeError(protocol, error, requestId) });
          else reject(error);
        },
      );
    });
  });
}

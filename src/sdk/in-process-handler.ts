import { AwsServiceError } from "../cloud/aws-error.ts";
import { servicesOf, settleAnswer } from "../cloud/services.ts";
import type { Simulation } from "../core/simulation.ts";
import { decodeJsonRequest, encodeJsonError, encodeJsonResponse } from "./json-protocol.ts";
import type { HttpRequestLike, HttpResponseLike } from "./types.ts";

/**
 * Answers one HTTP request of the SDK in the service's protocol: the request travels for a
 * drawn latency, then the simulated service handles it at that virtual time. Draws the same
 * choices as `fast` mode does for one attempt (latency, then request id).
 *
 * @example
 * const { response } = await answerInProcess(sim, "DynamoDB", request);
 */
export function answerInProcess(
  sim: Simulation,
  serviceId: string,
  request: HttpRequestLike,
): Promise<{ response: HttpResponseLike }> {
  const registry = servicesOf(sim);
  const service = registry?.get(serviceId);
  if (registry === undefined || service === undefined) {
    return Promise.reject(new Error(`${serviceId} is not simulated in simulation (seed ${sim.seed})`));
  }
  const { operation, input } = decodeJsonRequest(request);
  const latencyMs = registry.drawLatencyMs(sim, serviceId, operation);
  return new Promise((resolve, reject) => {
    sim.schedule(latencyMs, `${serviceId}.${operation}`, () => {
      const requestId = sim.uuid(`${serviceId}.requestId`);
      settleAnswer(
        () => service.handle(operation, input),
        (output) => resolve({ response: encodeJsonResponse(output, requestId) }),
        (error) => {
          if (error instanceof AwsServiceError)
            resolve({ response: encodeJsonError(error, requestId, serviceId) });
          else reject(error);
        },
      );
    });
  });
}

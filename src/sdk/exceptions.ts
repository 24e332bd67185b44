import type { AwsServiceError } from "../cloud/aws-error.ts";
import { encodeError } from "./protocols/codec.ts";
import { genericJsonProtocol, protocolOf, type ServiceProtocol } from "./protocols/service-protocol.ts";
import type { BridgeCall } from "./route.ts";
import type { HttpResponseLike } from "./types.ts";

/**
 * The SDK exception a service error surfaces as: the client's own protocol (AWS JSON, AWS Query,
 * REST-JSON) reads the error response the service would have sent, so `fast` mode raises the very
 * class, message, `$fault`, `$metadata` and extra members (`CancellationReasons`, SQS's `Code`,
 * Lambda's `Reason` and `retryAfterSeconds`) that `wire` mode does.
 *
 * @example
 * const e = await toSdkException(call, new AwsServiceError("ConditionalCheckFailedException", "The conditional request failed"), id);
 * e instanceof ConditionalCheckFailedException; // true
 */
export async function toSdkException(
  call: BridgeCall,
  error: AwsServiceError,
  requestId: string,
): Promise<unknown> {
  const response = encodeError(protocolFor(call), error, requestId);
  const protocol = call.client.config.protocol;
  const schema = call.lowLevel.schema;
  if (protocol !== undefined && Array.isArray(schema)) {
    const [, namespace, name, traits, input, output] = schema as unknown[];
    try {
      await protocol.deserializeResponse(
        { name, namespace, traits, input, output },
        { ...call.client.config },
        response,
      );
    } catch (exception) {
      attachResponse(exception, response);
      return exception;
    }
  }
  return plainException(error, response);
}

// A client Squall cannot place answers like an AWS JSON service; its exception is a plain Error anyway.
function protocolFor(call: BridgeCall): ServiceProtocol {
  try {
    return protocolOf(call.serviceId, call.client.config);
  } catch {
    return genericJsonProtocol(call.serviceId);
  }
}

// The SDK's deserializer middleware attaches the raw response the same way (hidden), replacing
// the exception's own undefined `$response` field.
function attachResponse(exception: unknown, response: HttpResponseLike): void {
  if (typeof exception !== "object" || exception === null) return;
  const existing = Object.getOwnPropertyDescriptor(exception, "$response");
  if (existing === undefined || existing.configurable === true) {
    Object.defineProperty(exception, "$response", {
      value: response,
      enumerable: false,
      writable: false,
      configurable: false,
    });
  }
}

/** For SDKs without schema-based protocols: an Error shaped like a ServiceException. */
function plainException(error: AwsServiceError, response: HttpResponseLike): Error {
  const exception = Object.assign(new Error(error.message), error.fields, {
    name: error.code,
    $fault: error.statusCode < 500 ? "client" : "server",
    $metadata: { httpStatusCode: error.statusCode, requestId: response.headers["x-amzn-requestid"] },
  });
  attachResponse(exception, response);
  return exception;
}

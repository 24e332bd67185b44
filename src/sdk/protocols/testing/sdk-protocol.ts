import type { HttpResponseLike } from "../../types.ts";
import type { ServerRequest } from "../http.ts";

/** Any SDK client and command (typed loosely: each client's own types are narrower). */
export interface AnyClient {
  config: object;
}
export interface AnyCommand {
  input: object;
  schema?: unknown;
}

/** The client's protocol object, as far as these tests drive it. */
interface ClientProtocol {
  serializeRequest(schema: object, input: object, context: object): Promise<ServerRequest>;
  deserializeResponse(
    schema: object,
    context: object,
    response: HttpResponseLike,
  ): Promise<Record<string, unknown>>;
}

function parts(client: AnyClient, command: AnyCommand) {
  const [, namespace, name, traits, input, output] = command.schema as unknown[];
  const protocol = (client.config as { protocol: ClientProtocol }).protocol;
  const context = {
    ...client.config,
    endpoint: async () => ({ url: new URL("https://example.amazonaws.com/") }),
  };
  return { protocol, context, schema: { name, namespace, traits, input, output } };
}

/**
 * The request the client's own protocol writes for `command` (no middleware: no signing, no checksums).
 *
 * @example
 * const request = await sdkRequest(sns, new PublishCommand(input));
 */
export async function sdkRequest(client: AnyClient, command: AnyCommand): Promise<ServerRequest> {
  const { protocol, context, schema } = parts(client, command);
  return protocol.serializeRequest(schema, command.input, context);
}

/**
 * What the client's own protocol reads from `response` for `command`: its output, or the exception it throws.
 *
 * @example
 * const output = await sdkResponse(sns, command, encodeResponse(SNS, "Publish", { MessageId: "m" }, "r"));
 */
export async function sdkResponse(
  client: AnyClient,
  command: AnyCommand,
  response: HttpResponseLike,
): Promise<Record<string, unknown>> {
  const { protocol, context, schema } = parts(client, command);
  return protocol.deserializeResponse(schema, context, response);
}

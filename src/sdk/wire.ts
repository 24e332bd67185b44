import { rememberOperation } from "./protocols/catalogue.ts";
import type { BridgeCall } from "./route.ts";
import { prepareWireClient } from "./wire-config.ts";

/**
 * `wire` mode: the client's real `send` runs its whole pipeline (DocumentClient marshalling,
 * serialisation, signing, retries, deserialisation); only the last step, the HTTP exchange, is
 * answered in-process (see `answerInProcess`).
 */
export function wireSend(call: BridgeCall, region: string): Promise<unknown> {
  prepareWireClient(call.client, region);
  // The in-process handler decodes the request against this schema (it sees only the request).
  rememberOperation(call.serviceId, call.lowLevel.schema);
  const options = call.rest.find((r) => typeof r === "object" && r !== null);
  const args = options === undefined ? [] : [options];
  return call.original.call(call.client, call.command, ...args) as Promise<unknown>;
}

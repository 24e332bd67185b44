import { SquallError } from "../../core/errors.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

/**
 * Starts the event source mappings of the app's functions (SQS queues, table streams) and
 * returns the function that stops them.
 */
export function startEventSources(cloud: SimulatedCloud): () => void {
  for (const [name, fn] of Object.entries(cloud.app.functions)) {
    if ((fn.events ?? []).length > 0)
      throw new SquallError(
        `app.functions.${name}.events: event source mappings are not simulated yet; invoke the function or subscribe it to a topic`,
      );
  }
  return () => undefined;
}

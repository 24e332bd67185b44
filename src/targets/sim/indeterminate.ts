import type { IndeterminateOperation } from "../scenario.ts";
import type { InvokeResult } from "../target.ts";

// The runtime died or was cut off while the handler ran or after it finished: what it did before
// is unknown to the caller. A handler's own error is its answer, and a throttle never ran.
const UNKNOWN_OUTCOME_ERRORS: ReadonlySet<string> = new Set(["Runtime.ExitError", "Sandbox.Timedout"]);

/**
 * The error type of an invocation whose effects may or may not have landed, or undefined when
 * its outcome is definite (it succeeded, or the handler reported its own error).
 *
 * @example indeterminateErrorType({ requestId: "r", error: "Unhandled", payload: { errorType: "Sandbox.Timedout" } }) // "Sandbox.Timedout"
 */
export function indeterminateErrorType(result: InvokeResult): string | undefined {
  if (result.error === undefined) return undefined;
  const payload = result.payload;
  const type =
    typeof payload === "object" && payload !== null ? Reflect.get(payload, "errorType") : undefined;
  return typeof type === "string" && UNKNOWN_OUTCOME_ERRORS.has(type) ? type : undefined;
}

/**
 * The scenario's operations whose outcome is unknown: each `invoke` is listed while in flight,
 * dropped once it answers definitely, and kept with its error type when it fails indeterminately.
 * Plain bookkeeping: it draws nothing and schedules nothing, so it cannot change a run.
 *
 * @example
 * const unknown = new IndeterminateOperations();
 * const result = await unknown.track("record", event, cloud.nowMs(), () => ops.invoke("record", event));
 * unknown.list(); // [] unless the call crashed or timed out
 */
export class IndeterminateOperations {
  private readonly open = new Map<number, IndeterminateOperation>();
  private nextId = 0;

  /** Runs one invoke, keeping it listed for as long as (and if) its outcome is unknown. */
  async track(
    functionName: string,
    event: unknown,
    startMs: number,
    invoke: () => Promise<InvokeResult>,
  ): Promise<InvokeResult> {
    const id = this.nextId++;
    const entry: IndeterminateOperation = {
      operation: "invoke",
      functionName,
      event: JSON.parse(JSON.stringify(event ?? null)) as unknown,
      startMs,
      requestId: undefined,
      errorType: undefined,
    };
    this.open.set(id, entry);
    try {
      const result = await invoke();
      const errorType = indeterminateErrorType(result);
      // Setting an existing key keeps its place: the list stays in call order.
      if (errorType === undefined) this.open.delete(id);
      else this.open.set(id, { ...entry, requestId: result.requestId, errorType });
      return result;
    } catch (error) {
      // A refused call (throttled, no such function) did not run.
      this.open.delete(id);
      throw error;
    }
  }

  /** The operations whose outcome is unknown now, in call order. */
  list(): readonly IndeterminateOperation[] {
    return [...this.open.values()];
  }
}

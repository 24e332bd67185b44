import type { KernelServices } from "../../core/services.ts";
import type { ResolvedFunction } from "./definition.ts";
import type { LambdaHandler } from "./environment.ts";
import { FunctionFailure } from "./failure.ts";
import { callHandler, handlerContext } from "./handler-context.ts";
import { jsonCopy } from "./json-copy.ts";
import { scheduleOnce } from "./schedule-once.ts";
import type { InvocationTracer } from "./tracer.ts";

/** Lambda's limit on a response payload (6 MB); its error message quotes a slightly larger number. */
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** One handler call. */
export interface TimedCall {
  readonly spanId: string;
  readonly handler: LambdaHandler;
  readonly event: unknown;
  readonly requestId: string;
  readonly invokedArn: string;
  readonly clientContext: unknown;
  readonly logStreamName: string;
  /** When the handler starts (after any init); the timeout counts from here. */
  readonly startMs: number;
  /**
   * The timeout fault: the handler runs on, but what it returns never reaches Lambda, so the
   * call ends at the timeout whatever the handler does.
   */
  readonly hang?: boolean;
}

/**
 * Calls the handler inside its invocation span with a JSON copy of the event, racing the
 * function's timeout on virtual time. Resolves with the (JSON-copied) result or the failure; on a
 * timeout the handler keeps running, and the caller freezes its environment. With `hang`, the
 * handler's outcome is ignored and the call always ends at the timeout.
 *
 * @example
 * const ended = await callWithTimeout(host, fn, { spanId, handler, event, requestId, invokedArn, logStreamName, startMs });
 * if (ended instanceof FunctionFailure && ended.timedOut) discard(env);
 */
export async function callWithTimeout(
  host: { readonly kernel: KernelServices; readonly tracer: InvocationTracer },
  fn: ResolvedFunction,
  call: TimedCall,
): Promise<{ value: unknown } | FunctionFailure> {
  const { kernel, tracer } = host;
  const event = jsonCopy(call.event ?? null);
  const about = {
    requestId: call.requestId,
    invokedArn: call.invokedArn,
    clientContext: call.clientContext,
    logStreamName: call.logStreamName,
    deadlineMs: call.startMs + fn.timeoutMs,
    nowMs: () => kernel.nowMs(),
  };
  let cancel: () => void = () => {};
  const timedOut = new Promise<FunctionFailure>((resolve) => {
    cancel = scheduleOnce(kernel, fn.timeoutMs, `lambda.${fn.name}.timeout`, () =>
      resolve(FunctionFailure.timeout(call.requestId, fn.timeoutMs)),
    );
  });
  const handled = tracer
    .run(call.spanId, () =>
      callHandler(call.handler, event, (settle) => handlerContext(fn, { ...about, settle })),
    )
    .then(serialise, (error: unknown) => FunctionFailure.fromError(error));
  const ended = await (call.hang === true ? timedOut : Promise.race([handled, timedOut]));
  cancel();
  return ended;
}

/** The handler's result as Lambda returns it: a JSON copy, within the response size limit. */
function serialise(value: unknown): { value: unknown } | FunctionFailure {
  let json: string;
  try {
    json = JSON.stringify(value) ?? "null";
  } catch (error) {
    return FunctionFailure.fromError(error);
  }
  // A UTF-16 code unit takes at most 3 bytes in UTF-8: most results are far too short to count.
  if (json.length * 3 > MAX_RESPONSE_BYTES && Buffer.byteLength(json) > MAX_RESPONSE_BYTES) {
    return new FunctionFailure(
      "Function.ResponseSizeTooLarge",
      "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
    );
  }
  return { value: JSON.parse(json) as unknown };
}

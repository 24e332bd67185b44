import type { Context } from "aws-lambda";
import type { ResolvedFunction } from "./definition.ts";

/** Settles the invocation from the legacy `context.done/succeed/fail` or the callback. */
export type Settle = (error: unknown, result?: unknown) => void;

/**
 * The context object a Node.js handler receives. `getRemainingTimeInMillis` counts down on
 * virtual time. `callbackWaitsForEmptyEventLoop` can be set, but Squall answers as soon as the
 * callback is called (as with `false`): it does not wait for the event loop to empty.
 *
 * @example
 * const context = handlerContext(fn, { requestId, invokedArn, logStreamName, deadlineMs, nowMs, settle });
 * context.getRemainingTimeInMillis(); // 3000 at the start of a 3 s function
 */
export function handlerContext(
  fn: ResolvedFunction,
  call: {
    requestId: string;
    invokedArn: string;
    clientContext: unknown;
    logStreamName: string;
    deadlineMs: number;
    nowMs: () => number;
    settle: Settle;
  },
): Context {
  const context: Context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: "$LATEST",
    invokedFunctionArn: call.invokedArn,
    // The Node.js runtime passes the memory size as a string.
    memoryLimitInMB: String(fn.memorySizeMb),
    awsRequestId: call.requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: call.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, call.deadlineMs - call.nowMs()),
    done: (error?: Error, result?: unknown) => call.settle(error, result),
    fail: (error: Error | string) => call.settle(error ?? new Error("context.fail called")),
    succeed: (result: unknown) => call.settle(undefined, result),
  };
  if (call.clientContext !== undefined)
    context.clientContext = call.clientContext as Context["clientContext"];
  return context;
}

/**
 * Calls a handler the way the Node.js runtime does: an async handler (or one returning a promise)
 * settles with its promise; a callback-style handler with its callback (whichever comes first).
 * A synchronous handler that takes no callback settles with what it returns.
 *
 * @example
 * const result = await callHandler(handler, event, (settle) => handlerContext(fn, { ...call, settle }));
 */
export function callHandler(
  handler: (event: unknown, context: unknown, callback: unknown) => unknown,
  event: unknown,
  makeContext: (settle: Settle) => Context,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle: Settle = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    try {
      const returned = handler(event, makeContext(settle), settle);
      if (isThenable(returned)) {
        returned.then(
          (value) => settle(undefined, value),
          (error: unknown) => settle(error ?? new Error("the handler's promise rejected without a reason")),
        );
      } else if (handler.length < 3) {
        settle(undefined, returned);
      }
    } catch (error) {
      settle(error ?? new Error("the handler threw without a value"));
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

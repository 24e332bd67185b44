import type { ClientContext, CognitoIdentity, Context } from "aws-lambda";
import { SquallError } from "../../core/errors.ts";
import { arn, type FactoryOptions, hex32, resolveOptions } from "./options.ts";

/** Options of {@link lambdaContext}. */
export interface LambdaContextOptions extends FactoryOptions {
  /** Default "squall-function". */
  functionName?: string;
  /** Default "$LATEST". */
  functionVersion?: string;
  /** An alias or version the caller invoked; appended to `invokedFunctionArn`. */
  qualifier?: string;
  /** Default: the function's ARN (with `qualifier` when given). */
  invokedFunctionArn?: string;
  /** Default 128. */
  memoryLimitInMB?: number;
  /** The function timeout the countdown starts from. Default 3000 (Lambda's default of 3 s). */
  timeoutMs?: number;
  /** Default: a uuid from the id source. */
  awsRequestId?: string;
  /** Default "/aws/lambda/<functionName>". */
  logGroupName?: string;
  /** Default "YYYY/MM/DD/[<version>]<32 hex>", the shape Lambda gives an execution environment's stream. */
  logStreamName?: string;
  /** Default true, as in Lambda. */
  callbackWaitsForEmptyEventLoop?: boolean;
  identity?: CognitoIdentity;
  clientContext?: ClientContext;
  tenantId?: string;
}

/**
 * Builds a Lambda `Context`. `getRemainingTimeInMillis()` counts down from `timeoutMs`, reading the
 * clock (`nowMs`, default `Date.now`) each time it is called, so it follows virtual time inside a
 * Squall simulation and fake timers in Vitest. The deprecated `done`/`succeed`/`fail` helpers throw:
 * handlers should return (or reject) a promise instead.
 *
 * @example
 * const context = lambdaContext({ functionName: "reserveStock", timeoutMs: 10_000 });
 * await handler(event, context);
 */
export function lambdaContext(options: LambdaContextOptions = {}): Context {
  const { ids, nowMs, region, accountId } = resolveOptions(options);
  const startMs = nowMs();
  const timeoutMs = options.timeoutMs ?? 3000;
  const functionName = options.functionName ?? "squall-function";
  const functionVersion = options.functionVersion ?? "$LATEST";
  const functionArn = arn("lambda", region, accountId, `function:${functionName}`);
  const invokedFunctionArn =
    options.invokedFunctionArn ?? (options.qualifier ? `${functionArn}:${options.qualifier}` : functionArn);
  const day = new Date(startMs).toISOString().slice(0, 10).replaceAll("-", "/");
  return {
    callbackWaitsForEmptyEventLoop: options.callbackWaitsForEmptyEventLoop ?? true,
    functionName,
    functionVersion,
    invokedFunctionArn,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 128),
    awsRequestId: options.awsRequestId ?? ids(),
    logGroupName: options.logGroupName ?? `/aws/lambda/${functionName}`,
    logStreamName: options.logStreamName ?? `${day}/[${functionVersion}]${hex32(ids())}`,
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.clientContext ? { clientContext: options.clientContext } : {}),
    ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
    getRemainingTimeInMillis: () => Math.max(0, startMs + timeoutMs - nowMs()),
    done: deprecated("done"),
    succeed: deprecated("succeed"),
    fail: deprecated("fail"),
  };
}

function deprecated(helper: string): (...args: unknown[]) => never {
  return () => {
    throw new SquallError(
      `context.${helper}() is one of Lambda's deprecated callback helpers and lambdaContext() does not support it. Return a value (or throw) from an async handler instead.`,
    );
  };
}

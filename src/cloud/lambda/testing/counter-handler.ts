// A handler fixture: its top-level code is the init phase.
import type { Context } from "aws-lambda";

interface Probe {
  inits: number;
}
const shared = globalThis as { __squallCounterProbe?: Probe };
shared.__squallCounterProbe ??= { inits: 0 };
shared.__squallCounterProbe.inits++;

/** Read by tests: virtual time during init, and this environment's view of process.env. */
export const initAtMs = Date.now();
const initFunctionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
console.log("init", initFunctionName);

let invocations = 0;

export async function handler(event: { id?: string }, context: Context): Promise<Record<string, unknown>> {
  invocations++;
  console.log("handling %s", event.id);
  console.warn("careful\nsecond line");
  process.env.LAST_ID = event.id ?? "";
  return {
    invocations,
    initAtMs,
    initFunctionName,
    nowMs: Date.now(),
    table: process.env.TABLE ?? null,
    region: process.env.AWS_REGION ?? null,
    lastId: process.env.LAST_ID ?? null,
    requestId: context.awsRequestId,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    remainingMs: context.getRemainingTimeInMillis(),
    clientContext: context.clientContext ?? null,
  };
}

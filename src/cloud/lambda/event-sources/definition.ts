import { SquallError } from "../../../core/errors.ts";

/**
 * An event source mapping as CreateEventSourceMapping takes it, in lower camel case.
 *
 * @example
 * const definition: EventSourceMappingDefinition = { functionName: "publish", eventSourceArn: streamArn, startingPosition: "TRIM_HORIZON", bisectBatchOnFunctionError: true };
 */
export interface EventSourceMappingDefinition {
  /** A name for messages and the trace; default `<functionName>:<event source name>`. */
  readonly name?: string;
  readonly functionName: string;
  /** An SQS queue ARN (`arn:aws:sqs:…`) or a DynamoDB stream ARN (`…:table/T/stream/…`). */
  readonly eventSourceArn: string;
  /** SQS: 1..10,000, default 10 (above 10 needs a batching window). Streams: 1..10,000, default 100. */
  readonly batchSize?: number;
  /** 0..300 seconds, default 0. */
  readonly maximumBatchingWindowInSeconds?: number;
  /** Default true; a disabled mapping does nothing on `start()`. */
  readonly enabled?: boolean;
  readonly functionResponseTypes?: readonly "ReportBatchItemFailures"[];
  /** Streams only: -1 (until the records expire) or 0..10,000. Default -1. */
  readonly maximumRetryAttempts?: number;
  /** Streams only: -1 (until the records expire) or 60..604,800. Default -1. */
  readonly maximumRecordAgeInSeconds?: number;
  /** Streams only. Default false. */
  readonly bisectBatchOnFunctionError?: boolean;
  /** Streams only: the ARN of an SQS queue or SNS topic for discarded batches. */
  readonly destinationConfig?: { readonly onFailure?: { readonly destination: string } };
  /** SQS only: ScalingConfig.MaximumConcurrency, 2..1,000. */
  readonly scalingConfig?: { readonly maximumConcurrency?: number };
  /** Streams only, required there: TRIM_HORIZON or LATEST. */
  readonly startingPosition?: "TRIM_HORIZON" | "LATEST";
  /** Streams only: 1 (the only value modelled). */
  readonly parallelizationFactor?: number;
}

/**
 * A validated definition with AWS's defaults filled in (times in ms; -1 still means unlimited).
 *
 * @example
 * resolveDefinition({ functionName: "f", eventSourceArn: queueArn }).batchSize; // 10
 */
export interface ResolvedMapping {
  readonly kind: "sqs" | "dynamodb-stream";
  readonly name: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  readonly batchSize: number;
  readonly batchingWindowMs: number;
  readonly enabled: boolean;
  readonly reportBatchItemFailures: boolean;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeMs: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly onFailureDestination: string | undefined;
  readonly maximumConcurrency: number | undefined;
  readonly startingPosition: "TRIM_HORIZON" | "LATEST";
}

const STREAM_ONLY = [
  "maximumRetryAttempts",
  "maximumRecordAgeInSeconds",
  "bisectBatchOnFunctionError",
  "destinationConfig",
  "startingPosition",
  "parallelizationFactor",
] as const;

/**
 * Checks a definition against Lambda's rules for its event source and fills in the defaults.
 * Throws a {@link SquallError} naming the mapping, the field and the fix.
 *
 * @example
 * resolveDefinition({ functionName: "reserve", eventSourceArn: queueArn, batchSize: 10 }).batchSize; // 10
 */
export function resolveDefinition(definition: EventSourceMappingDefinition): ResolvedMapping {
  const kind = sourceKind(definition.eventSourceArn);
  const name = definition.name ?? `${definition.functionName}:${definition.eventSourceArn.split(":").at(-1)}`;
  const fail = (field: string, fix: string): never => {
    throw new SquallError(`event source mapping ${name}: ${field} ${fix}`);
  };
  if (kind === undefined)
    fail(
      "eventSourceArn",
      `"${definition.eventSourceArn}" is neither an SQS queue ARN nor a DynamoDB stream ARN; pass one of those`,
    );
  if (definition.functionName === "") fail("functionName", "is empty; name the function to invoke");
  const windowSeconds = definition.maximumBatchingWindowInSeconds ?? 0;
  checkInt(windowSeconds, 0, 300) ||
    fail("maximumBatchingWindowInSeconds", `is ${windowSeconds}; use an integer 0..300`);
  const batchSize = definition.batchSize ?? (kind === "sqs" ? 10 : 100);
  checkInt(batchSize, 1, 10_000) || fail("batchSize", `is ${batchSize}; use an integer 1..10000`);
  const types = definition.functionResponseTypes ?? [];
  for (const type of types)
    if (type !== "ReportBatchItemFailures")
      fail(
        "functionResponseTypes",
        `contains "${String(type)}"; the only value is "ReportBatchItemFailures"`,
      );
  const common = { name, functionName: definition.functionName, eventSourceArn: definition.eventSourceArn };
  const shared = {
    ...common,
    batchSize,
    batchingWindowMs: windowSeconds * 1000,
    enabled: definition.enabled ?? true,
    reportBatchItemFailures: types.includes("ReportBatchItemFailures"),
  };
  if (kind === "sqs") {
    for (const field of STREAM_ONLY)
      if (definition[field] !== undefined)
        fail(field, "applies to stream sources only; remove it for an SQS queue");
    if (batchSize > 10 && windowSeconds < 1)
      fail("batchSize", `is ${batchSize}; above 10 set maximumBatchingWindowInSeconds to at least 1`);
    const max = definition.scalingConfig?.maximumConcurrency;
    if (max !== undefined && !checkInt(max, 2, 1000))
      fail("scalingConfig.maximumConcurrency", `is ${max}; use an integer 2..1000`);
    return {
      ...shared,
      kind,
      maximumRetryAttempts: -1,
      maximumRecordAgeMs: -1,
      bisectBatchOnFunctionError: false,
      onFailureDestination: undefined,
      maximumConcurrency: max,
      startingPosition: "TRIM_HORIZON",
    };
  }
  return resolveStream(definition, shared, fail);
}

function resolveStream(
  definition: EventSourceMappingDefinition,
  shared: Omit<
    ResolvedMapping,
    | "kind"
    | "maximumRetryAttempts"
    | "maximumRecordAgeMs"
    | "bisectBatchOnFunctionError"
    | "onFailureDestination"
    | "maximumConcurrency"
    | "startingPosition"
  >,
  fail: (field: string, fix: string) => never,
): ResolvedMapping {
  if (definition.scalingConfig !== undefined)
    fail("scalingConfig", "applies to SQS queues only; remove it for a stream");
  const position = definition.startingPosition;
  if (position !== "TRIM_HORIZON" && position !== "LATEST")
    fail("startingPosition", `is ${String(position)}; streams need "TRIM_HORIZON" or "LATEST"`);
  const retries = definition.maximumRetryAttempts ?? -1;
  if (retries !== -1 && !checkInt(retries, 0, 10_000))
    fail("maximumRetryAttempts", `is ${retries}; use -1 (until the records expire) or an integer 0..10000`);
  const ageSeconds = definition.maximumRecordAgeInSeconds ?? -1;
  if (ageSeconds !== -1 && !checkInt(ageSeconds, 60, 604_800))
    fail("maximumRecordAgeInSeconds", `is ${ageSeconds}; use -1 or an integer 60..604800`);
  const factor = definition.parallelizationFactor ?? 1;
  if (factor !== 1)
    fail(
      "parallelizationFactor",
      `is ${factor}; Squall models one batch per shard at a time, so only 1 is supported`,
    );
  return {
    ...shared,
    kind: "dynamodb-stream",
    maximumRetryAttempts: retries,
    maximumRecordAgeMs: ageSeconds === -1 ? -1 : ageSeconds * 1000,
    bisectBatchOnFunctionError: definition.bisectBatchOnFunctionError ?? false,
    onFailureDestination: definition.destinationConfig?.onFailure?.destination,
    maximumConcurrency: undefined,
    startingPosition: position as "TRIM_HORIZON" | "LATEST",
  };
}

function sourceKind(arn: string): ResolvedMapping["kind"] | undefined {
  if (/^arn:aws[\w-]*:sqs:[^:]*:\d*:[^:/]+$/.test(arn)) return "sqs";
  if (/^arn:aws[\w-]*:dynamodb:[^:]*:\d*:table\/[^/]+\/stream\/.+$/.test(arn)) return "dynamodb-stream";
  return undefined;
}

function checkInt(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

import { SquallError } from "../../core/errors.ts";

/** The Node.js runtimes Squall runs handlers for (they all run on the host's Node here). */
export type LambdaRuntime = "nodejs18.x" | "nodejs20.x" | "nodejs22.x";

const RUNTIMES: readonly LambdaRuntime[] = ["nodejs18.x", "nodejs20.x", "nodejs22.x"];

/** A range of virtual milliseconds, drawn uniformly. */
export interface MsRange {
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * One function as the cloud layer sees it. Only `name` and `handler` are required; the rest take
 * Lambda's defaults.
 *
 * @example
 * const reserve: LambdaFunctionDefinition = {
 *   name: "reserveStock",
 *   handler: "src/handlers/reserve.ts#handler",
 *   timeoutSeconds: 10,
 *   environment: { TABLE: "pr-1-Inventory" },
 * };
 */
export interface LambdaFunctionDefinition {
  /** The physical function name (1–64 of `A-Za-z0-9-_`). */
  readonly name: string;
  /** `path/to/file.ts#exportName`, the path relative to the service's `baseDir`. */
  readonly handler: string;
  /** 1–900, default 3. */
  readonly timeoutSeconds?: number;
  /** 128–10240, default 128. */
  readonly memorySizeMb?: number;
  /** Default `nodejs20.x`. */
  readonly runtime?: LambdaRuntime;
  /** The function's own environment variables (Lambda's reserved ones are set beside them). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Concurrency reserved for (and capping) this function; 0 stops every invocation. */
  readonly reservedConcurrency?: number;
  /** Attached to a VPC: slower cold starts (see cold-start.ts). */
  readonly vpc?: boolean;
  /** Environments initialised ahead of the first invoke (never reaped, no Init Duration). */
  readonly provisionedConcurrency?: number;
  /** Unzipped deployment package size, for the cold-start model. Default 1. */
  readonly packageSizeMb?: number;
  /** Overrides the cold-start model: init durations drawn uniformly from this range. */
  readonly coldStartMs?: MsRange;
  /** Asynchronous invokes: retries after a function error, 0–2, default 2. */
  readonly maximumRetryAttempts?: number;
  /** Asynchronous invokes: how long an event may wait, 60–21600 s, default 21600. */
  readonly maximumEventAgeSeconds?: number;
  /** Asynchronous invokes: SQS queue, SNS topic or Lambda function ARN for failed events. */
  readonly onFailureDestinationArn?: string;
  /** Asynchronous invokes: SQS queue or SNS topic ARN (the older dead-letter queue). */
  readonly deadLetterTargetArn?: string;
}

/** A definition with every default applied and its ARN. */
export interface ResolvedFunction {
  readonly name: string;
  readonly arn: string;
  readonly handlerFile: string;
  readonly handlerExport: string;
  readonly handler: string;
  readonly timeoutMs: number;
  readonly memorySizeMb: number;
  readonly runtime: LambdaRuntime;
  readonly environment: Readonly<Record<string, string>>;
  readonly reservedConcurrency: number | undefined;
  readonly vpc: boolean;
  readonly provisionedConcurrency: number;
  readonly packageSizeMb: number;
  readonly coldStartMs: MsRange | undefined;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
  readonly onFailureDestinationArn: string | undefined;
  readonly deadLetterTargetArn: string | undefined;
}

/**
 * Validates a definition and applies Lambda's defaults. Throws a SquallError naming the function,
 * the field and the fix.
 *
 * @example
 * const fn = resolveFunction({ name: "f", handler: "h.ts#handler" }, { region: "us-east-1", accountId: "123456789012" });
 * fn.timeoutMs; // 3000
 */
export function resolveFunction(
  def: LambdaFunctionDefinition,
  where: { region: string; accountId: string },
): ResolvedFunction {
  const fail = (field: string, problem: string): never => {
    throw new SquallError(`Lambda function "${def.name}": ${field} ${problem}`);
  };
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(def.name)) fail("name", "must be 1–64 letters, digits, '-' or '_'");
  const hash = def.handler.lastIndexOf("#");
  if (hash <= 0 || hash === def.handler.length - 1) {
    fail("handler", `"${def.handler}" must look like "path/to/file.ts#exportName"`);
  }
  const int = (field: string, value: number | undefined, fallback: number, min: number, max: number) => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v < min || v > max)
      fail(field, `is ${v}: use a whole number in ${min}..${max}`);
    return v;
  };
  const runtime = def.runtime ?? "nodejs20.x";
  if (!RUNTIMES.includes(runtime))
    fail("runtime", `"${runtime}" is not supported: use ${RUNTIMES.join(", ")}`);
  const reserved =
    def.reservedConcurrency === undefined
      ? undefined
      : int("reservedConcurrency", def.reservedConcurrency, 0, 0, 1_000_000);
  const provisioned = int("provisionedConcurrency", def.provisionedConcurrency, 0, 0, 1_000_000);
  if (reserved !== undefined && provisioned > reserved) {
    fail("provisionedConcurrency", `(${provisioned}) exceeds reservedConcurrency (${reserved}): lower it`);
  }
  const packageSizeMb = def.packageSizeMb ?? 1;
  if (!(packageSizeMb > 0 && packageSizeMb <= 250)) {
    fail("packageSizeMb", `is ${packageSizeMb}: use 0 < size ≤ 250 (Lambda's unzipped limit)`);
  }
  const cold = def.coldStartMs;
  if (cold !== undefined && !(Number.isInteger(cold.minMs) && cold.minMs >= 0 && cold.maxMs >= cold.minMs)) {
    fail(
      "coldStartMs",
      `{minMs: ${cold.minMs}, maxMs: ${cold.maxMs}} is invalid: use whole ms, 0 ≤ minMs ≤ maxMs`,
    );
  }
  for (const [field, value] of Object.entries(def.environment ?? {})) {
    if (typeof value !== "string") fail(`environment.${field}`, "must be a string");
  }
  checkDestination(def.name, "onFailureDestinationArn", def.onFailureDestinationArn, true);
  checkDestination(def.name, "deadLetterTargetArn", def.deadLetterTargetArn, false);
  return {
    name: def.name,
    arn: `arn:aws:lambda:${where.region}:${where.accountId}:function:${def.name}`,
    handler: def.handler,
    handlerFile: def.handler.slice(0, hash),
    handlerExport: def.handler.slice(hash + 1),
    timeoutMs: int("timeoutSeconds", def.timeoutSeconds, 3, 1, 900) * 1000,
    memorySizeMb: int("memorySizeMb", def.memorySizeMb, 128, 128, 10_240),
    runtime,
    environment: { ...def.environment },
    reservedConcurrency: reserved,
    vpc: def.vpc ?? false,
    provisionedConcurrency: provisioned,
    packageSizeMb,
    coldStartMs: cold,
    maximumRetryAttempts: int("maximumRetryAttempts", def.maximumRetryAttempts, 2, 0, 2),
    maximumEventAgeMs: int("maximumEventAgeSeconds", def.maximumEventAgeSeconds, 21_600, 60, 21_600) * 1000,
    onFailureDestinationArn: def.onFailureDestinationArn,
    deadLetterTargetArn: def.deadLetterTargetArn,
  };
}

/**
 * The kind of target an ARN names, for destinations.
 *
 * @example
 * arnService("arn:aws:sqs:us-east-1:123456789012:failures"); // "sqs"
 */
export function arnService(arn: string): "sqs" | "sns" | "lambda" | undefined {
  const service = arn.split(":")[2];
  return service === "sqs" || service === "sns" || service === "lambda" ? service : undefined;
}

function checkDestination(fn: string, field: string, arn: string | undefined, lambdaAllowed: boolean): void {
  if (arn === undefined) return;
  const service = arn.startsWith("arn:") ? arnService(arn) : undefined;
  if (service === undefined || (service === "lambda" && !lambdaAllowed)) {
    const kinds = lambdaAllowed ? "an SQS queue, SNS topic or Lambda function" : "an SQS queue or SNS topic";
    throw new SquallError(
      `Lambda function "${fn}": ${field} "${arn}" must be the ARN of ${kinds} ` +
        "(EventBridge and S3 destinations are not simulated)",
    );
  }
}

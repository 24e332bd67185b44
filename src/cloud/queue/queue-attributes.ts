import { sqsError } from "./errors.ts";
import { isRecord } from "./input.ts";
import { LIMITS, type QueueConfig, type RedrivePolicy } from "./model.ts";

/** What attribute validation needs to know about the queue and the other queues. */
export interface AttributeContext {
  readonly operation: "CreateQueue" | "SetQueueAttributes";
  readonly queueName: string;
  readonly fifo: boolean;
  /** Looks a dead-letter target up by ARN: its type and its RedriveAllowPolicy, or undefined. */
  readonly deadLetterQueue: (
    arn: string,
  ) => { fifo: boolean; redriveAllowPolicy: string | undefined; arn: string } | undefined;
  readonly queueArn: string;
}

/** Attributes every new queue has; FIFO queues add {@link FIFO_DEFAULTS}. */
const DEFAULTS: Readonly<Record<string, string>> = {
  DelaySeconds: "0",
  MaximumMessageSize: String(LIMITS.maxMessageBytes),
  MessageRetentionPeriod: "345600",
  ReceiveMessageWaitTimeSeconds: "0",
  VisibilityTimeout: "30",
  SqsManagedSseEnabled: "true",
};

const FIFO_DEFAULTS: Readonly<Record<string, string>> = {
  FifoQueue: "true",
  ContentBasedDeduplication: "false",
  DeduplicationScope: "queue",
  FifoThroughputLimit: "perQueue",
};

/** Returns the normalised value, or undefined when the value is invalid. */
type Check = (value: string, ctx: AttributeContext) => string | undefined;

const integer =
  (min: number, max: number): Check =>
  (value) =>
    /^-?\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? String(Number(value)) : undefined;
const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    allowed.includes(value) ? value : undefined;
const anyText: Check = (value) => value;
const json: Check = (value) => {
  try {
    if (value !== "") JSON.parse(value);
    return value;
  } catch {
    return undefined;
  }
};

/** Attributes a caller may set, with their checks; `fifoOnly` ones are unknown on standard queues. */
const SETTABLE: Readonly<Record<string, { check: Check; fifoOnly?: boolean }>> = {
  DelaySeconds: { check: integer(0, LIMITS.maxDelaySeconds) },
  MaximumMessageSize: { check: integer(LIMITS.minMessageBytes, LIMITS.maxMessageBytes) },
  MessageRetentionPeriod: { check: integer(LIMITS.minRetentionSeconds, LIMITS.maxRetentionSeconds) },
  ReceiveMessageWaitTimeSeconds: { check: integer(0, LIMITS.maxWaitTimeSeconds) },
  VisibilityTimeout: { check: integer(0, LIMITS.maxVisibilityTimeoutSeconds) },
  Policy: { check: json },
  RedrivePolicy: { check: checkRedrivePolicy },
  RedriveAllowPolicy: { check: json },
  KmsMasterKeyId: { check: anyText },
  KmsDataKeyReusePeriodSeconds: { check: integer(60, 86_400) },
  SqsManagedSseEnabled: { check: oneOf("true", "false") },
  FifoQueue: { check: oneOf("true", "false") },
  ContentBasedDeduplication: { check: oneOf("true", "false"), fifoOnly: true },
  DeduplicationScope: { check: oneOf("queue", "messageGroup"), fifoOnly: true },
  FifoThroughputLimit: { check: oneOf("perQueue", "perMessageGroupId"), fifoOnly: true },
};

/**
 * The attributes of a new queue: SQS's defaults overlaid with the caller's, each checked.
 *
 * @example
 * const attributes = initialAttributes({ VisibilityTimeout: "60" }, ctx);
 */
export function initialAttributes(
  requested: Record<string, string>,
  ctx: AttributeContext,
): Record<string, string> {
  const base = { ...DEFAULTS, ...(ctx.fifo ? FIFO_DEFAULTS : {}) };
  return applyAttributes(base, requested, ctx);
}

/**
 * `current` with `changes` applied, each checked; an empty RedrivePolicy removes it.
 *
 * @example
 * const next = applyAttributes(queue.attributes, { DelaySeconds: "5" }, ctx);
 */
export function applyAttributes(
  current: Record<string, string>,
  changes: Record<string, string>,
  ctx: AttributeContext,
): Record<string, string> {
  const next = { ...current };
  for (const [name, raw] of Object.entries(changes)) {
    const spec = Object.hasOwn(SETTABLE, name) ? SETTABLE[name] : undefined;
    if (spec === undefined || (spec.fifoOnly === true && !ctx.fifo)) {
      throw sqsError("InvalidAttributeName", `Unknown Attribute ${name}.`);
    }
    if (name === "FifoQueue") checkFifoFlag(raw, ctx);
    const value = spec.check(raw, ctx);
    if (value === undefined) {
      throw sqsError("InvalidAttributeValue", `Invalid value for the parameter ${name}.`);
    }
    if (name === "RedrivePolicy" && value === "") delete next[name];
    else next[name] = value;
  }
  return next;
}

function checkFifoFlag(raw: string, ctx: AttributeContext): void {
  if (ctx.operation === "SetQueueAttributes") {
    throw sqsError("InvalidAttributeName", "Unknown Attribute FifoQueue. (a queue's type cannot be changed)");
  }
  if ((raw === "true") !== ctx.fifo) {
    throw sqsError(
      "InvalidParameterValue",
      `CreateQueue on "${ctx.queueName}": a FIFO queue needs both FifoQueue=true and a name ending in ".fifo"; a standard queue needs neither.`,
    );
  }
}

function checkRedrivePolicy(value: string, ctx: AttributeContext): string {
  if (value === "") return "";
  const invalid = (reason: string) =>
    sqsError(
      "InvalidParameterValue",
      `Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid("Redrive policy is not a valid JSON map.");
  }
  if (!isRecord(parsed) || typeof parsed.deadLetterTargetArn !== "string") {
    throw invalid("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
  }
  const count = Number(parsed.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalid("Invalid value for maxReceiveCount: must be an integer from 1 to 1000.");
  }
  const target = ctx.deadLetterQueue(parsed.deadLetterTargetArn);
  if (target === undefined) throw invalid("Dead letter target does not exist.");
  if (target.arn === ctx.queueArn) throw invalid("A queue cannot be its own dead-letter queue.");
  if (target.fifo !== ctx.fifo) {
    throw invalid(
      "Dead-letter queue of a FIFO queue must be a FIFO queue and that of a standard queue a standard queue.",
    );
  }
  if (!redriveAllowed(target.redriveAllowPolicy, ctx.queueArn)) {
    throw invalid("Queue is not allowed to use the dead-letter target: its RedriveAllowPolicy denies it.");
  }
  return JSON.stringify({ deadLetterTargetArn: target.arn, maxReceiveCount: count });
}

function redriveAllowed(policy: string | undefined, sourceArn: string): boolean {
  if (policy === undefined || policy === "") return true;
  const parsed: unknown = JSON.parse(policy);
  if (!isRecord(parsed)) return true;
  if (parsed.redrivePermission === "denyAll") return false;
  if (parsed.redrivePermission === "byQueue") {
    return Array.isArray(parsed.sourceQueueArns) && parsed.sourceQueueArns.includes(sourceArn);
  }
  return true;
}

/**
 * The settings a queue's behaviour depends on, parsed from its (already checked) attributes.
 *
 * @example
 * const { visibilityTimeoutSeconds } = parseConfig(queue.attributes);
 */
export function parseConfig(attributes: Record<string, string>): QueueConfig {
  const num = (name: string) => Number(attributes[name] ?? DEFAULTS[name]);
  const redrive = attributes.RedrivePolicy;
  return {
    delaySeconds: num("DelaySeconds"),
    maximumMessageSize: num("MaximumMessageSize"),
    messageRetentionPeriodSeconds: num("MessageRetentionPeriod"),
    receiveMessageWaitTimeSeconds: num("ReceiveMessageWaitTimeSeconds"),
    visibilityTimeoutSeconds: num("VisibilityTimeout"),
    redrivePolicy: redrive === undefined ? undefined : (JSON.parse(redrive) as RedrivePolicy),
    contentBasedDeduplication: attributes.ContentBasedDeduplication === "true",
    deduplicationScope: attributes.DeduplicationScope === "messageGroup" ? "messageGroup" : "queue",
  };
}

/** Names GetQueueAttributes accepts besides the settable ones. */
export const READ_ONLY_ATTRIBUTES = [
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
] as const;

/**
 * Whether GetQueueAttributes knows this attribute name.
 *
 * @example
 * isKnownAttributeName("QueueArn") // true
 */
export function isKnownAttributeName(name: string): boolean {
  return (
    name === "All" ||
    Object.hasOwn(SETTABLE, name) ||
    (READ_ONLY_ATTRIBUTES as readonly string[]).includes(name)
  );
}

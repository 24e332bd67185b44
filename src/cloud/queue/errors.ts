import { AwsServiceError } from "../aws-error.ts";

/**
 * The legacy Query-protocol code and HTTP status of each SQS exception shape, as the SDK's model
 * declares them (`awsQueryError` traits in @aws-sdk/client-sqs). SQS speaks AWS JSON 1.0 in
 * "query compatible" mode: the body's `__type` carries the shape name and the
 * `x-amzn-query-error: <legacy code>;Sender` header carries the old code, which the SDK copies to
 * the exception's `Code`/`Error.Code`. We keep the shape name as `code` (it selects the SDK's
 * exception class) and put the legacy code in `fields.queryErrorCode` only where it differs, so
 * the bridge can send that header.
 */
const SHAPES: Readonly<Record<string, { queryErrorCode?: string; statusCode: number }>> = {
  BatchEntryIdsNotDistinct: {
    queryErrorCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
    statusCode: 400,
  },
  BatchRequestTooLong: { queryErrorCode: "AWS.SimpleQueueService.BatchRequestTooLong", statusCode: 400 },
  EmptyBatchRequest: { queryErrorCode: "AWS.SimpleQueueService.EmptyBatchRequest", statusCode: 400 },
  InvalidBatchEntryId: { queryErrorCode: "AWS.SimpleQueueService.InvalidBatchEntryId", statusCode: 400 },
  MessageNotInflight: { queryErrorCode: "AWS.SimpleQueueService.MessageNotInflight", statusCode: 400 },
  OverLimit: { statusCode: 403 },
  PurgeQueueInProgress: { queryErrorCode: "AWS.SimpleQueueService.PurgeQueueInProgress", statusCode: 403 },
  QueueDeletedRecently: { queryErrorCode: "AWS.SimpleQueueService.QueueDeletedRecently", statusCode: 400 },
  QueueDoesNotExist: { queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue", statusCode: 400 },
  QueueNameExists: { queryErrorCode: "QueueAlreadyExists", statusCode: 400 },
  ReceiptHandleIsInvalid: { statusCode: 404 },
  TooManyEntriesInBatchRequest: {
    queryErrorCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    statusCode: 400,
  },
  UnsupportedOperation: { queryErrorCode: "AWS.SimpleQueueService.UnsupportedOperation", statusCode: 400 },
};

/**
 * An SQS error with its SDK shape name as `code`, the shape's HTTP status, and the legacy query
 * error code in `fields.queryErrorCode` when it differs from the shape name. Codes that are not
 * modelled shapes (`InvalidParameterValue`, `MissingParameter`) are the query codes themselves.
 *
 * @example
 * throw sqsError("QueueDoesNotExist", "The specified queue does not exist.");
 */
export function sqsError(code: string, message: string): AwsServiceError {
  const shape = Object.hasOwn(SHAPES, code) ? SHAPES[code] : undefined;
  const fields = shape?.queryErrorCode === undefined ? {} : { queryErrorCode: shape.queryErrorCode };
  return new AwsServiceError(code, message, { fields, statusCode: shape?.statusCode ?? 400 });
}

/**
 * The queue named by a URL or ARN does not exist (or was deleted).
 *
 * @example
 * throw queueDoesNotExist("SendMessage", url);
 */
export function queueDoesNotExist(operation: string, queue: string): AwsServiceError {
  return sqsError(
    "QueueDoesNotExist",
    `The specified queue does not exist. (${operation} on "${queue}": create the queue first or check its URL)`,
  );
}

/**
 * A parameter has a value SQS rejects, worded as SQS words it.
 *
 * @example
 * throw invalidParameter("MaxNumberOfMessages", 11, "Must be between 1 and 10, if provided.");
 */
export function invalidParameter(parameter: string, value: unknown, reason: string): AwsServiceError {
  return sqsError(
    "InvalidParameterValue",
    `Value ${describe(value)} for parameter ${parameter} is invalid. Reason: ${reason}`,
  );
}

/**
 * A required parameter is absent.
 *
 * @example
 * throw missingParameter("QueueUrl");
 */
export function missingParameter(parameter: string): AwsServiceError {
  return sqsError("MissingParameter", `The request must contain the parameter ${parameter}.`);
}

/**
 * A feature of SQS that Squall does not model: rejected rather than approximated.
 *
 * @example
 * throw unmodelled("ReceiveMessage", "ReceiveRequestAttemptId");
 */
export function unmodelled(operation: string, feature: string): AwsServiceError {
  return sqsError(
    "UnsupportedOperation",
    `${operation}: ${feature} is not modelled by Squall's simulated SQS, so it is rejected rather than approximated.`,
  );
}

function describe(value: unknown): string {
  if (typeof value === "string") return value.length > 100 ? `${value.slice(0, 100)}…` : value;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

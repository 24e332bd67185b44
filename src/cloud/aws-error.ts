/**
 * An error returned by a simulated AWS service, carried as the service's own error code and
 * message (`ValidationException`, `ConditionalCheckFailedException`, ...). The SDK bridge turns it
 * into the real SDK exception class, so `instanceof ConditionalCheckFailedException` holds in
 * handler code.
 *
 * @example
 * throw new AwsServiceError("ValidationException", "One or more parameter values were invalid: ...");
 */
export class AwsServiceError extends Error {
  override name = "AwsServiceError";
  /** The service's error code, e.g. `ConditionalCheckFailedException`. */
  readonly code: string;
  /** Extra members the service returns beside the message (e.g. `CancellationReasons`, `Item`). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Whether the SDK's retry strategy treats this error as a throttle (retried with back-off). */
  readonly throttling: boolean;
  /** HTTP status the service answers with: 400 for client errors, 500 for server errors. */
  readonly statusCode: number;

  constructor(
    code: string,
    message: string,
    options: { fields?: Record<string, unknown>; throttling?: boolean; statusCode?: number } = {},
  ) {
    // A service's answer, not a fault in Squall: where it was raised says nothing to anyone (the SDK
    // bridge turns it into the SDK's exception), and capturing a stack for every conditional-check
    // failure and throttle was a measurable share of a fault search.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.fields = options.fields ?? {};
    this.throttling = options.throttling ?? false;
    this.statusCode = options.statusCode ?? 400;
  }
}

/** DynamoDB's ValidationException, the answer to nearly every malformed request. */
export function validationError(message: string): AwsServiceError {
  return new AwsServiceError("ValidationException", message);
}

import { AwsServiceError } from "../../aws-error.ts";

/**
 * Runs `action`; returns the throttling error it threw instead of throwing it (any other error
 * propagates). Batches use it to turn throttled requests into unprocessed ones.
 *
 * @example const throttled = catchThrottle(() => meter.add(1));
 */
export function catchThrottle(action: () => void): AwsServiceError | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (
      error instanceof AwsServiceError &&
      (error.throttling || error.code === "ProvisionedThroughputExceededException")
    ) {
      return error;
    }
    throw error;
  }
}

/**
 * The CancellationReason a transaction reports for an action the capacity meter throttled, as
 * the TransactionCanceledException reference lists them: ProvisionedThroughputExceeded for a
 * provisioned table, ThrottlingError otherwise.
 *
 * @example const reason = throttleReason(error); // { Code: "ProvisionedThroughputExceeded", Message: "..." }
 */
export function throttleReason(error: AwsServiceError): Record<string, unknown> {
  if (error.code === "ProvisionedThroughputExceededException") {
    return {
      Code: "ProvisionedThroughputExceeded",
      Message:
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
    };
  }
  return { Code: "ThrottlingError", Message: error.message };
}

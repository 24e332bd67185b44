import { AwsServiceError } from "../aws-error.ts";

/** What a throttling error names: the table (or index), the kind of request, the billing mode. */
export interface ThrottleTarget {
  readonly region: string;
  readonly accountId: string;
  readonly tableName: string;
  readonly kind: "read" | "write";
  readonly indexName?: string;
  /** On-demand tables throttle a hot key range (`KeyRangeThroughputExceeded`), provisioned ones their capacity. */
  readonly onDemand: boolean;
}

/**
 * DynamoDB's throttling error: `ProvisionedThroughputExceededException` — for on-demand tables too,
 * whose partitions throttle a hot key range with the same exception (DynamoDB's throttling guide,
 * "Key range throughput exceeded … affecting both provisioned and on-demand modes") — with the
 * `ThrottlingReasons` member naming the table or index. The SDK retries it.
 *
 * @example throw throttleError({ region: "us-east-1", accountId: "000000000000", tableName: "Orders", kind: "write", onDemand: true });
 */
export function throttleError(target: ThrottleTarget): AwsServiceError {
  const { region, accountId, tableName, kind, indexName, onDemand } = target;
  const tableArn = `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}`;
  const limit = onDemand ? "KeyRangeThroughputExceeded" : "ProvisionedThroughputExceeded";
  const reason = `${indexName === undefined ? "Table" : "Index"}${kind === "read" ? "Read" : "Write"}${limit}`;
  const resource = indexName === undefined ? tableArn : `${tableArn}/index/${indexName}`;
  return new AwsServiceError("ProvisionedThroughputExceededException", throttleMessage(onDemand, indexName), {
    throttling: true,
    fields: { ThrottlingReasons: [{ reason, resource }] },
  });
}

/** DynamoDB's messages, as the service returns them (quoted in many public bug reports). */
function throttleMessage(onDemand: boolean, indexName: string | undefined): string {
  if (onDemand) {
    return "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";
  }
  return indexName === undefined
    ? "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."
    : "The level of configured provisioned throughput for one or more global secondary indexes of the table was exceeded. Consider increasing your provisioning level for the under-provisioned global secondary indexes with the UpdateTable API";
}

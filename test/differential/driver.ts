/**
 * What the differential tests need from a DynamoDB implementation: send one low-level request
 * (AttributeValue shapes, exactly as `@aws-sdk/client-dynamodb` takes them) and get back either the
 * output or the error's name and message. DynamoDB Local and the simulated table both sit behind it.
 */

/** A successful call: the SDK output without `$metadata`. */
export interface OkOutcome {
  readonly ok: true;
  readonly output: Record<string, unknown>;
}

/** A failed call: the service's error code (the SDK exception's `name`) and message. */
export interface ErrorOutcome {
  readonly ok: false;
  readonly errorName: string;
  readonly message: string;
  /** Members the service returns beside the message (`CancellationReasons`, `Item`), if any. */
  readonly fields?: Record<string, unknown>;
}

/** The result of one request. */
export type Outcome = OkOutcome | ErrorOutcome;

/**
 * One DynamoDB implementation under test. `operation` is the API name (`PutItem`, `Query`, ...);
 * the DynamoDB Streams operations (`ListStreams`, `DescribeStream`, `GetShardIterator`,
 * `GetRecords`) go through the same method so stream capture works on any driver.
 *
 * @example
 * const outcome = await driver.send("GetItem", { TableName: "tbl", Key: { pk: { S: "a" } } });
 */
export interface TableDriver {
  send(operation: string, input: Record<string, unknown>): Promise<Outcome>;
}

/**
 * Makes a driver with its own empty database, one per generated case, so cases never see each
 * other's tables. `databaseId` is alphanumeric and unique per case.
 *
 * @example
 * const driver = factory("case17");
 */
export type TableDriverFactory = (databaseId: string) => TableDriver;

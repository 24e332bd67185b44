import { AwsServiceError } from "../../aws-error.ts";
import type { CapacityMeter, ItemChange } from "../change.ts";
import type { DynamoDbServiceOptions } from "../service.ts";
import { DynamoDbService } from "../service.ts";
import type { Item } from "../values.ts";
import { FakeKernel } from "./fake-kernel.ts";

/** A service on a {@link FakeKernel} that records every change it reports. */
export interface TestService {
  readonly kernel: FakeKernel;
  readonly service: DynamoDbService;
  readonly changes: ItemChange[];
  /** Shorthand for `service.handle`. */
  call(operation: string, input: Record<string, unknown>): Record<string, unknown>;
  /** Runs a call that must fail and returns its error. */
  fail(operation: string, input: Record<string, unknown>): AwsServiceError;
}

/**
 * Builds a service for a unit test, with a `pk` (S) + `sk` (N) table named `Tbl` unless told
 * otherwise.
 *
 * @example
 * const { call, changes } = testService();
 * call("PutItem", { TableName: "Tbl", Item: item("a", 1) });
 */
export function testService(
  options: Omit<DynamoDbServiceOptions, "onChange"> & { table?: Record<string, unknown> | false } = {},
): TestService {
  const kernel = new FakeKernel();
  const changes: ItemChange[] = [];
  const { table, ...serviceOptions } = options;
  const service = new DynamoDbService(kernel, { ...serviceOptions, onChange: (c) => changes.push(c) });
  const call = (operation: string, input: Record<string, unknown>) => service.handle(operation, input);
  const fail = (operation: string, input: Record<string, unknown>): AwsServiceError => {
    try {
      service.handle(operation, input);
    } catch (error) {
      if (error instanceof AwsServiceError) return error;
      throw error;
    }
    throw new Error(`${operation} was expected to fail but succeeded`);
  };
  if (table !== false) call("CreateTable", { ...tableInput("Tbl"), ...(table ?? {}) });
  return { kernel, service, changes, call, fail };
}

/** A CreateTable input: `pk` (S) partition key, `sk` (N) sort key, on-demand. */
export function tableInput(name: string): Record<string, unknown> {
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "N" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
  };
}

/** The key `{ pk: S, sk: N }`. */
export function key(pk: string, sk: number): Item {
  return { pk: { S: pk }, sk: { N: String(sk) } };
}

/** An item with key `(pk, sk)` and extra attributes. */
export function item(pk: string, sk: number, extra: Item = {}): Item {
  return { ...key(pk, sk), ...extra };
}

/**
 * A capacity meter for tests: throttles the calls whose 1-based index (counting every
 * `consume`) is in `throttled`, and records all calls.
 */
export class ScriptedMeter implements CapacityMeter {
  readonly calls: { tableName: string; kind: "read" | "write"; units: number; indexName?: string }[] = [];
  private count = 0;

  constructor(private readonly throttled: (callIndex: number) => boolean = () => false) {}

  consume(tableName: string, kind: "read" | "write", units: number, indexName?: string): void {
    this.count++;
    if (this.throttled(this.count)) {
      throw new AwsServiceError("ProvisionedThroughputExceededException", "throttled in test", {
        throttling: true,
      });
    }
    this.calls.push({ tableName, kind, units, ...(indexName === undefined ? {} : { indexName }) });
  }
}

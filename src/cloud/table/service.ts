import type { KernelServices } from "../../core/services.ts";
import { AwsServiceError } from "../aws-error.ts";
import type { CapacityMeter, ChangeListener } from "./change.ts";
import {
  createTable,
  deleteTable,
  describeTableOp,
  describeTimeToLive,
  listTables,
  updateTimeToLive,
} from "./control.ts";
import { Engine } from "./engine.ts";
import { serializationError } from "./errors.ts";
import { type DynamoDbFaultOptions, validateDynamoDbFaults } from "./faults.ts";
import { extractKey } from "./keys.ts";
import type { TableDefinition } from "./model.ts";
import { batchGetItem } from "./ops/batch-get.ts";
import { batchWriteItem } from "./ops/batch-write.ts";
import { deleteItem } from "./ops/delete-item.ts";
import { getItem } from "./ops/get-item.ts";
import { putItem } from "./ops/put-item.ts";
import { query } from "./ops/query.ts";
import { scan } from "./ops/scan.ts";
import { transactGetItems } from "./ops/transact-get.ts";
import { transactWriteItems } from "./ops/transact-write.ts";
import { updateItem } from "./ops/update-item.ts";
import type { Input } from "./request.ts";
import { isRecord, tableNameInArn } from "./request.ts";
import type { Item } from "./values.ts";

/** Options of {@link DynamoDbService}. */
export interface DynamoDbServiceOptions {
  /** Region in ARNs (default `us-east-1`). */
  region?: string;
  /** Account id in ARNs (default `000000000000`). */
  accountId?: string;
  /** Meters capacity; its throttling errors propagate (batches turn them into unprocessed items). */
  capacity?: CapacityMeter;
  /** Told about every actual change to an item, in order. */
  onChange?: ChangeListener;
  /**
   * How stale an eventually consistent read may be, in ms of virtual time. 0 (the default): every
   * read sees the latest state. Otherwise each such read sees the state at a moment drawn from
   * the choice stream within the last `eventualReadLagMs` (GSI reads included).
   */
  eventualReadLagMs?: number;
  /** Throttling and read-lag faults (see {@link DynamoDbFaultOptions}; latency is the registry's). Default none. */
  faults?: DynamoDbFaultOptions;
}

type Operation = (engine: Engine, input: Input) => Record<string, unknown>;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateTable: createTable,
  DescribeTable: describeTableOp,
  DeleteTable: deleteTable,
  ListTables: listTables,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  PutItem: putItem,
  GetItem: getItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchWriteItem: batchWriteItem,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};

/**
 * The simulated DynamoDB: tables, items, indexes, conditional writes, batches and transactions,
 * run synchronously on virtual time. Inputs and outputs are in the low-level SDK shape
 * (AttributeValue objects, binary as Uint8Array); errors are {@link AwsServiceError}s with
 * DynamoDB's codes and messages.
 *
 * @example
 * const ddb = new DynamoDbService(kernel, { onChange: (c) => stream.record(c) });
 * ddb.handle("CreateTable", { TableName: "Orders", BillingMode: "PAY_PER_REQUEST",
 *   AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
 *   KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] });
 * ddb.handle("PutItem", { TableName: "Orders", Item: { pk: { S: "o1" } } });
 */
export class DynamoDbService {
  private readonly engine: Engine;

  constructor(kernel: KernelServices, options: DynamoDbServiceOptions = {}) {
    const lag = options.eventualReadLagMs ?? 0;
    if (!Number.isInteger(lag) || lag < 0) {
      throw new RangeError(`eventualReadLagMs must be a non-negative integer, got ${String(lag)}`);
    }
    this.engine = new Engine(kernel, {
      region: options.region ?? "us-east-1",
      accountId: options.accountId ?? "000000000000",
      capacity: options.capacity,
      onChange: options.onChange,
      eventualReadLagMs: lag,
    });
    this.setFaults(options.faults ?? {});
  }

  /**
   * Replaces the fault knobs in force (a run's fault phase, then none); SquallError on a bad one.
   *
   * @example ddb.setFaults({ tables: { Orders: { operations: { PutItem: 0.5 } } } });
   */
  setFaults(faults: DynamoDbFaultOptions): void {
    this.engine.faults = validateDynamoDbFaults(faults);
  }

  /** The fault knobs in force. */
  faults(): DynamoDbFaultOptions {
    return this.engine.faults;
  }

  /** Runs one DynamoDB API operation on the current state and returns its response. */
  handle(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (run === undefined) {
      throw new AwsServiceError(
        "UnknownOperationException",
        `DynamoDB operation "${operation}" is not supported by Squall's simulated DynamoDB`,
      );
    }
    if (!isRecord(input)) throw serializationError(`${operation}: the request must be an object`);
    this.engine.beginRequest(operation);
    return run(this.engine, input);
  }

  /** A table's definition (keys, GSIs, stream, TTL, billing mode) by name or ARN, or undefined. */
  describe(tableName: string): TableDefinition | undefined {
    return this.engine.tables.get(tableNameInArn(tableName) ?? tableName)?.definition;
  }

  /** The names of all tables, sorted. */
  tableNames(): string[] {
    return [...this.engine.tables.keys()].sort();
  }

  /** The current item with this key, read without capacity or consistency lag (for TTL and tests). */
  peekItem(tableName: string, key: Item): Item | undefined {
    return this.engine.tables.get(tableName)?.store.get(key);
  }

  /**
   * Deletes an item as the TTL sweeper does: without capacity, without conditions, reported as a
   * change with `removedByService: true`. Returns false (and changes nothing) when the table or
   * the item is gone.
   *
   * @example
   * service.deleteExpiredItem("Sessions", { id: { S: "s1" } });
   */
  deleteExpiredItem(tableName: string, key: Item): boolean {
    const table = this.engine.tables.get(tableName);
    if (table === undefined) return false;
    const oldItem = table.store.get(key);
    if (oldItem === undefined) return false;
    // The change carries exactly the key attributes, whatever the caller passed along.
    this.engine.commit(table, extractKey(table.definition.keys, oldItem), oldItem, undefined, true);
    return true;
  }

  /**
   * Every item of a table in scan order, without capacity or paging (for the TTL sweeper and for
   * tests). Items are shared with the table: treat them as read-only.
   */
  *items(tableName: string): Generator<Item> {
    const table = this.engine.tables.get(tableName);
    if (table === undefined) return;
    for (const partition of table.store.partitions()) for (const entry of partition.entries) yield entry.item;
  }
}

import { faultDurationMs } from "../../core/fault-draw.ts";
import type { KernelServices } from "../../core/services.ts";
import type { SimulatedService } from "../services.ts";

import { TokenBucketCapacityMeter } from "./capacity.ts";
import type { ItemChange } from "./change.ts";
import type { DynamoDbFaultOptions } from "./faults.ts";
import type { TableDefinition } from "./model.ts";
import { DynamoDbService } from "./service.ts";
import { DynamoDbStreamsService } from "./streams/service.ts";
import { StreamStore } from "./streams/store.ts";
import type { StoredStreamRecord } from "./streams/types.ts";
import { TtlSweeper, type TtlTableAccess } from "./ttl.ts";
import type { Item } from "./values.ts";

/** A simulated service whose every operation answers at once (no DynamoDB operation waits). */
export interface ImmediateService extends SimulatedService {
  handle(operation: string, input: Record<string, unknown>): Record<string, unknown>;
}

/** Options of {@link SimulatedDynamoDb}. */
export interface SimulatedDynamoDbOptions {
  /** Region in ARNs and stream records. Default `us-east-1`. */
  region?: string;
  /** Account id in ARNs. Default `000000000000`. */
  accountId?: string;
  /** How stale an eventually consistent read may be, ms of virtual time. Default 0. */
  eventualReadLagMs?: number;
  /** Shards per stream. Default 1. */
  streamShards?: number;
  /** When after expiry TTL deletes an item. Default 0–48 h, drawn from the choice stream. */
  ttlDeletionDelay?: { minMs: number; maxMs: number };
  /** Throttling, read lag and latency faults; see {@link SimulatedDynamoDb.setFaults}. Default none. */
  faults?: DynamoDbFaultOptions;
}

/**
 * DynamoDB and DynamoDB Streams of one simulated account and region: the table engine plus the
 * services that follow its tables' lifecycle — the stream store, the TTL sweeper and capacity
 * metering — kept in step after every control-plane call.
 *
 * @example
 * const dynamodb = new SimulatedDynamoDb(sim);
 * registry.register(dynamodb.service);
 * registry.register(dynamodb.streamsService);
 */
export class SimulatedDynamoDb {
  readonly region: string;
  readonly tables: DynamoDbService;
  readonly streams: StreamStore;
  readonly capacity: TokenBucketCapacityMeter;
  readonly ttl: TtlSweeper;
  /** The `DynamoDB` service, for the SDK bridge. */
  readonly service: ImmediateService;
  /** The `DynamoDB Streams` service, for the SDK bridge. */
  readonly streamsService: ImmediateService;

  constructor(kernel: KernelServices, options: SimulatedDynamoDbOptions = {}) {
    const region = options.region ?? "us-east-1";
    this.region = region;
    const accountId = options.accountId ?? "000000000000";
    this.capacity = new TokenBucketCapacityMeter({ kernel, region, accountId });
    this.streams = new StreamStore({
      kernel,
      region,
      accountId,
      ...optional("shardCount", options.streamShards),
    });
    const onChange = (change: ItemChange): void => {
      this.streams.onChange(change);
      this.ttl.onChange(change);
    };
    this.tables = new DynamoDbService(kernel, {
      region,
      accountId,
      capacity: this.capacity,
      onChange,
      ...optional("eventualReadLagMs", options.eventualReadLagMs),
      ...optional("faults", options.faults),
    });
    this.ttl = new TtlSweeper({
      kernel,
      tables: this.ttlAccess(),
      ...optional("deletionDelay", options.ttlDeletionDelay),
    });
    const streamsApi = new DynamoDbStreamsService(this.streams, kernel);
    this.service = {
      serviceId: "DynamoDB",
      handle: (operation, input) => this.handle(operation, input),
      faultLatencyMs: (operation) => {
        const { latencyMsMin, latencyMsMax } = this.tables.faults();
        if (latencyMsMax === undefined || latencyMsMax <= 0) return undefined;
        return faultDurationMs(kernel, "dynamodb.latency", latencyMsMax, operation, latencyMsMin, true);
      },
    };
    this.streamsService = {
      serviceId: "DynamoDB Streams",
      handle: (op, input) => streamsApi.handle(op, input),
    };
  }

  /**
   * Replaces the fault knobs in force: throttling and read lag in the table engine, latency in
   * what the SDK bridge draws for each DynamoDB call. `{}` switches every fault off.
   *
   * @example dynamodb.setFaults({ throttleProbability: 0.1, latencyMsMin: 5, latencyMsMax: 80 });
   */
  setFaults(faults: DynamoDbFaultOptions): void {
    this.tables.setFaults(faults);
  }

  /** Every item of a table, in scan order, read without capacity (for tests and reports). */
  scan(tableName: string): Item[] {
    return [...this.tables.items(tableName)];
  }

  /** The ARN of a table's current stream, if it has one. */
  streamArnOf(tableName: string): string | undefined {
    return this.tables.describe(tableName)?.stream?.streamArn;
  }

  /** Every stream record of a table's current stream, in sequence order. */
  streamRecords(tableName: string): StoredStreamRecord[] {
    const arn = this.tables.describe(tableName)?.stream?.streamArn;
    const stream = arn === undefined ? undefined : this.streams.stream(arn);
    if (stream === undefined) return [];
    const records: StoredStreamRecord[] = [];
    // A loop, not push(...spread): a day of records overflows the call stack as arguments.
    for (const shard of stream.shards)
      for (const record of this.streams.readShard(
        arn as string,
        shard.shardId,
        undefined,
        Number.MAX_SAFE_INTEGER,
      ).records)
        records.push(record);
    return records.sort((a, b) => a.sequence - b.sequence);
  }

  private handle(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    const tableName = typeof input.TableName === "string" ? input.TableName : "";
    const before = this.tables.describe(tableName);
    const output = this.tables.handle(operation, input);
    if (operation === "CreateTable" || operation === "DeleteTable" || operation === "UpdateTimeToLive") {
      this.follow(tableName, before, this.tables.describe(tableName));
    }
    return output;
  }

  /** Brings streams, TTL and capacity in line with a table's new definition. */
  private follow(
    name: string,
    before: TableDefinition | undefined,
    after: TableDefinition | undefined,
  ): void {
    if (before?.stream && before.stream.streamArn !== after?.stream?.streamArn)
      this.streams.disableStream(name);
    if (after?.stream && after.stream.streamArn !== before?.stream?.streamArn) {
      const keySchema = [
        { AttributeName: after.keys.partition.name, KeyType: "HASH" as const },
        ...(after.keys.sort ? [{ AttributeName: after.keys.sort.name, KeyType: "RANGE" as const }] : []),
      ];
      this.streams.enableStream(
        name,
        after.stream.viewType,
        after.createdAtMs,
        keySchema,
        after.stream.streamArn,
      );
    }
    if (after?.ttl?.enabled) this.ttl.enable(name, after.ttl.attributeName);
    else if (before?.ttl?.enabled) this.ttl.disable(name);
    if (after === undefined) {
      this.capacity.forgetTable(name);
    } else if (before === undefined) {
      const indexes = Object.fromEntries(
        after.gsis.flatMap((g) => (g.provisioned ? [[g.indexName, g.provisioned]] : [])),
      );
      this.capacity.configureTable(name, { billingMode: after.billingMode, ...after.provisioned, indexes });
    }
  }

  private ttlAccess(): TtlTableAccess {
    const keysOf = (tableName: string, item: Item): Item => {
      const keys = this.tables.describe(tableName)?.keys;
      const out: Item = {};
      for (const attr of [keys?.partition, keys?.sort]) {
        const value = attr === undefined ? undefined : item[attr.name];
        if (attr !== undefined && value !== undefined) out[attr.name] = value;
      }
      return out;
    };
    return {
      listItems: (tableName) =>
        [...this.tables.items(tableName)].map((item) => ({ keys: keysOf(tableName, item), item })),
      getItem: (tableName, keys) => this.tables.peekItem(tableName, keys),
      deleteExpiredItem: (tableName, keys) => void this.tables.deleteExpiredItem(tableName, keys),
    };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

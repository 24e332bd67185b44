import type { KernelServices } from "../../core/services.ts";
import type { AwsServiceError } from "../aws-error.ts";
import type { CapacityMeter } from "./change.ts";
import { throttleError } from "./throttle-error.ts";

/** Provisioned throughput of a table or of one of its GSIs, in units per second. */
export interface ProvisionedUnits {
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/** A table's capacity settings, as CreateTable / UpdateTable give them. */
export interface TableCapacityConfig {
  readonly billingMode: "PROVISIONED" | "PAY_PER_REQUEST";
  /** Required when PROVISIONED. */
  readonly readCapacityUnits?: number;
  readonly writeCapacityUnits?: number;
  /** Each GSI's own provisioned throughput (PROVISIONED tables), by index name. */
  readonly indexes?: Readonly<Record<string, ProvisionedUnits>>;
}

/** Decides whether a call is throttled regardless of capacity (set by the fault-plan layer). */
export type ThrottleFaultHook = (
  tableName: string,
  kind: "read" | "write",
  indexName: string | undefined,
) => boolean;

/** Options of a {@link TokenBucketCapacityMeter}. */
export interface TokenBucketCapacityMeterOptions {
  readonly kernel: Pick<KernelServices, "nowMs">;
  /** For the ARNs in `ThrottlingReasons`; defaults `us-east-1` and `123456789012`. */
  readonly region?: string;
  readonly accountId?: string;
  /** Unused capacity kept for bursts: "up to five minutes (300 seconds)" (DynamoDB burst capacity docs). */
  readonly burstSeconds?: number;
  /**
   * Seconds of capacity a bucket holds when its table is configured; default 1. Burst capacity is
   * capacity left unused, and a new table has not yet left any unused, so it starts with one
   * second's worth and saves up from there. Set it to `burstSeconds` for a table that has idled.
   */
  readonly initialSeconds?: number;
  readonly faultHook?: ThrottleFaultHook;
}

interface Bucket {
  /** Refill rate in milli-units per ms (= units per second); integer arithmetic avoids drift. */
  rate: number;
  capacity: number;
  balance: number;
  updatedAtMs: number;
}

/**
 * DynamoDB's read and write capacity on virtual time: each provisioned table and GSI has a read
 * and a write token bucket refilled at its RCU/WCU per second and holding up to 300 seconds of
 * unused capacity. A call that finds its bucket short is rejected with
 * `ProvisionedThroughputExceededException` (a throttling error the SDK retries). On-demand
 * tables are never short; `faultHook` can throttle any call.
 *
 * @example
 * const meter = new TokenBucketCapacityMeter({ kernel });
 * meter.configureTable("Orders", { billingMode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 5 });
 * meter.consume("Orders", "write", 1); // throws once the bucket is dry
 */
export class TokenBucketCapacityMeter implements CapacityMeter {
  /** Throttles any call it returns true for; replaced by the fault-plan layer at run time. */
  faultHook: ThrottleFaultHook | undefined;
  private readonly kernel: Pick<KernelServices, "nowMs">;
  private readonly region: string;
  private readonly accountId: string;
  private readonly burstSeconds: number;
  private readonly initialSeconds: number;
  private readonly buckets = new Map<string, Bucket>();
  private readonly modes = new Map<string, TableCapacityConfig["billingMode"]>();

  constructor(options: TokenBucketCapacityMeterOptions) {
    this.kernel = options.kernel;
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "123456789012";
    this.burstSeconds = options.burstSeconds ?? 300;
    this.initialSeconds = options.initialSeconds ?? 1;
    this.faultHook = options.faultHook;
    if (!(this.burstSeconds >= 1) || !(this.initialSeconds >= 0) || this.initialSeconds > this.burstSeconds) {
      throw new RangeError(
        "TokenBucketCapacityMeter: need burstSeconds >= 1 and 0 <= initialSeconds <= burstSeconds",
      );
    }
  }

  /**
   * Sets (CreateTable) or changes (UpdateTable) a table's billing mode and throughput. A change
   * keeps what a bucket had saved, up to its new size.
   */
  configureTable(tableName: string, config: TableCapacityConfig): void {
    const saved = new Map<string, number>();
    for (const kind of ["read", "write"] as const) {
      for (const indexName of [undefined, ...Object.keys(config.indexes ?? {})]) {
        const bucket = this.bucket(tableName, kind, indexName);
        if (bucket !== undefined) saved.set(bucketKey(tableName, kind, indexName), bucket.balance);
      }
    }
    this.forgetTable(tableName);
    this.modes.set(tableName, config.billingMode);
    if (config.billingMode === "PAY_PER_REQUEST") return;
    this.setBuckets(tableName, undefined, {
      readCapacityUnits: config.readCapacityUnits ?? 0,
      writeCapacityUnits: config.writeCapacityUnits ?? 0,
    });
    for (const [indexName, units] of Object.entries(config.indexes ?? {}))
      this.setBuckets(tableName, indexName, units);
    for (const [key, balance] of saved) {
      const bucket = this.buckets.get(key);
      if (bucket !== undefined) bucket.balance = Math.min(bucket.capacity, balance);
    }
  }

  /** Forgets a deleted table. */
  forgetTable(tableName: string): void {
    this.modes.delete(tableName);
    for (const key of [...this.buckets.keys()])
      if (key.startsWith(`${tableName}\u0000`)) this.buckets.delete(key);
  }

  consume(tableName: string, kind: "read" | "write", units: number, indexName?: string): void {
    this.consumeAll(tableName, kind, [{ units, ...(indexName === undefined ? {} : { indexName }) }]);
  }

  /**
   * Consumes capacity on several targets at once, all or nothing: a write that updates GSIs
   * needs each index's write capacity too, and is rejected as a whole when any of them is short.
   */
  consumeAll(
    tableName: string,
    kind: "read" | "write",
    parts: readonly { units: number; indexName?: string }[],
  ): void {
    const due: [Bucket, number][] = [];
    for (const { units, indexName } of parts) {
      if (this.faultHook?.(tableName, kind, indexName) === true)
        throw this.throttled(tableName, kind, indexName);
      const bucket = this.bucket(tableName, kind, indexName);
      if (bucket === undefined) continue;
      const needed = Math.ceil(units * 1000 - 1e-6);
      // A request bigger than the whole bucket still passes when the bucket is full (the balance
      // goes negative), otherwise it could never succeed.
      if (bucket.balance < needed && bucket.balance < bucket.capacity)
        throw this.throttled(tableName, kind, indexName);
      due.push([bucket, needed]);
    }
    for (const [bucket, needed] of due) bucket.balance -= needed;
  }

  /** Units left in a bucket now (`Infinity` for on-demand or unconfigured targets). */
  available(tableName: string, kind: "read" | "write", indexName?: string): number {
    const bucket = this.bucket(tableName, kind, indexName);
    return bucket === undefined ? Number.POSITIVE_INFINITY : bucket.balance / 1000;
  }

  private setBuckets(tableName: string, indexName: string | undefined, units: ProvisionedUnits): void {
    const nowMs = this.kernel.nowMs();
    for (const [kind, rate] of [
      ["read", units.readCapacityUnits],
      ["write", units.writeCapacityUnits],
    ] as const) {
      const capacity = rate * this.burstSeconds * 1000;
      const balance = rate * this.initialSeconds * 1000;
      this.buckets.set(bucketKey(tableName, kind, indexName), {
        rate,
        capacity,
        balance,
        updatedAtMs: nowMs,
      });
    }
  }

  private bucket(
    tableName: string,
    kind: "read" | "write",
    indexName: string | undefined,
  ): Bucket | undefined {
    if (this.modes.get(tableName) !== "PROVISIONED") return undefined;
    const bucket = this.buckets.get(bucketKey(tableName, kind, indexName));
    if (bucket === undefined) return undefined;
    const nowMs = this.kernel.nowMs();
    const refill = Math.max(0, nowMs - bucket.updatedAtMs) * bucket.rate;
    bucket.balance = Math.min(bucket.capacity, bucket.balance + refill);
    bucket.updatedAtMs = nowMs;
    return bucket;
  }

  private throttled(
    tableName: string,
    kind: "read" | "write",
    indexName: string | undefined,
  ): AwsServiceError {
    return throttleError({
      region: this.region,
      accountId: this.accountId,
      tableName,
      kind,
      onDemand: this.modes.get(tableName) !== "PROVISIONED",
      ...(indexName === undefined ? {} : { indexName }),
    });
  }
}

function bucketKey(tableName: string, kind: "read" | "write", indexName: string | undefined): string {
  return `${tableName}\u0000${indexName ?? ""}\u0000${kind}`;
}

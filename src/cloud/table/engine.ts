import { faultDurationMs, faultFires } from "../../core/fault-draw.ts";
import type { KernelServices } from "../../core/services.ts";
import type { CapacityMeter, ChangeListener, ItemChange } from "./change.ts";
import { tableNotFound, unmodelled } from "./errors.ts";
import { type DynamoDbFaultOptions, throttleProbabilityOf } from "./faults.ts";
import { IdempotencyTokens } from "./idempotency.ts";
import { tableNameInArn } from "./request.ts";
import type { Table, TableView } from "./table.ts";
import { throttleError } from "./throttle-error.ts";
import type { Item } from "./values.ts";
import { valuesEqual } from "./values.ts";

/** The engine's settings after defaults are applied. */
export interface EngineSettings {
  readonly region: string;
  readonly accountId: string;
  readonly capacity: CapacityMeter | undefined;
  readonly onChange: ChangeListener | undefined;
  /** How stale an eventually consistent read may be, in ms of virtual time (0: never stale). */
  readonly eventualReadLagMs: number;
}

/** Whether two items have the same attributes with equal values. */
export function itemsEqual(a: Item | undefined, b: Item | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  return names.every((name) => b[name] !== undefined && valuesEqual(a[name]!, b[name]!));
}

/**
 * The state and the shared machinery every operation uses: the tables, the clock, capacity
 * metering, change notification and read views. Operations are functions over an Engine.
 *
 * @example
 * const table = engine.table("Orders");
 * engine.commit(table, key, oldItem, newItem);
 */
export class Engine {
  readonly tables = new Map<string, Table>();
  /** ClientRequestTokens of recent TransactWriteItems calls. */
  readonly transactionTokens = new IdempotencyTokens();
  /** The fault knobs in force (see DynamoDbService.setFaults). */
  faults: DynamoDbFaultOptions = {};
  private operation = "";
  // Whether the throttle fault fired, per table, for the request being handled: one draw each.
  private readonly throttledTables = new Map<string, boolean>();

  constructor(
    readonly kernel: KernelServices,
    readonly settings: EngineSettings,
  ) {}

  /**
   * The table with this name or ARN, or DynamoDB's ResourceNotFoundException. An ARN of another
   * account or region is refused by name: Squall simulates one account and region at a time.
   */
  table(ref: string): Table {
    const table = this.tables.get(tableNameInArn(ref) ?? ref);
    if (table === undefined) throw tableNotFound();
    if (ref !== table.definition.tableName && ref !== table.definition.tableArn) {
      throw unmodelled(
        "TableName",
        `the table ARN ${ref} of another account or region`,
        table.definition.tableArn,
      );
    }
    return table;
  }

  /** Starts handling one request: the throttle fault is drawn afresh for each. */
  beginRequest(operation: string): void {
    this.operation = operation;
    if (this.throttledTables.size > 0) this.throttledTables.clear();
  }

  /**
   * Meters capacity (may throw the meter's throttling error, or the throttle fault's). Units of 0
   * are not metered.
   */
  consume(tableName: string, kind: "read" | "write", units: number, indexName?: string): void {
    this.throttleFault(tableName, kind, indexName);
    if (this.settings.capacity === undefined || units <= 0) return;
    if (indexName === undefined) this.settings.capacity.consume(tableName, kind, units);
    else this.settings.capacity.consume(tableName, kind, units, indexName);
  }

  /**
   * The throttle fault, where throttling happens: when the request first meters capacity on a
   * table, so that batches turn it into unprocessed items and transactions into a cancellation
   * reason, as they do a real throttle. Later metering of the same table in the request (its
   * indexes, a batch's other items) shares the outcome.
   */
  private throttleFault(tableName: string, kind: "read" | "write", indexName: string | undefined): void {
    const probability = throttleProbabilityOf(this.faults, tableName, this.operation);
    if (probability === undefined || probability <= 0) return;
    let fired = this.throttledTables.get(tableName);
    if (fired === undefined) {
      fired = faultFires(this.kernel, "dynamodb.throttle", probability, `${tableName}.${this.operation}`);
      this.throttledTables.set(tableName, fired);
    }
    if (!fired) return;
    throw throttleError({
      region: this.settings.region,
      accountId: this.settings.accountId,
      tableName,
      kind,
      onDemand: this.tables.get(tableName)?.definition.billingMode !== "PROVISIONED",
      ...(indexName === undefined ? {} : { indexName }),
    });
  }

  /**
   * What a read sees. Consistent reads see the latest state; an eventually consistent one sees
   * the state at a moment drawn uniformly from the last `eventualReadLagMs` (one draw per read),
   * or from the last `readLagMsMax` of the read-lag fault when that is on and wider.
   */
  view(table: Table, consistent: boolean): TableView {
    if (consistent) return table.latest();
    const lagMs = this.settings.eventualReadLagMs;
    const faultLagMs = this.faults.readLagMsMax ?? 0;
    const name = table.definition.tableName;
    if (faultLagMs > 0 && faultLagMs > lagMs) {
      const stalenessMs = faultDurationMs(this.kernel, "dynamodb.readLag", faultLagMs, name);
      return stalenessMs === 0 ? table.latest() : table.viewAt(this.kernel.nowMs() - stalenessMs);
    }
    if (lagMs <= 0) return table.latest();
    const stalenessMs = this.kernel.nextInt(`dynamodb.${name}.readStalenessMs`, lagMs + 1);
    return table.viewAt(this.kernel.nowMs() - stalenessMs);
  }

  /**
   * Stores `newItem` (undefined: deletes) in place of `oldItem` and reports the change, unless
   * nothing changed: DynamoDB Streams writes no record for a write that leaves the item as it
   * was, and neither do we.
   */
  commit(
    table: Table,
    key: Item,
    oldItem: Item | undefined,
    newItem: Item | undefined,
    removedByService = false,
  ): ItemChange | undefined {
    if (itemsEqual(oldItem, newItem)) return undefined;
    const atMs = this.kernel.nowMs();
    table.write(key, oldItem, newItem, atMs, this.retainedLagMs());
    const spanId = this.kernel.currentSpanId();
    // Built by assignment: this runs on every write, and spreads of small objects showed in profiles.
    const change: { -readonly [K in keyof ItemChange]: ItemChange[K] } = {
      tableName: table.definition.tableName,
      keys: key,
      atMs,
    };
    if (oldItem !== undefined) change.oldImage = oldItem;
    if (newItem !== undefined) change.newImage = newItem;
    if (removedByService) change.removedByService = true;
    if (spanId !== undefined) change.causeSpanId = spanId;
    this.settings.onChange?.(change);
    return change;
  }

  // How long writes stay undoable: as far back as any eventually consistent read may look.
  private retainedLagMs(): number {
    return Math.max(this.settings.eventualReadLagMs, this.faults.readLagMsMax ?? 0);
  }
}

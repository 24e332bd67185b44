import type { KernelServices } from "../../core/services.ts";
import type { CapacityMeter, ChangeListener, ItemChange } from "./change.ts";
import { tableNotFound, unmodelled } from "./errors.ts";
import { IdempotencyTokens } from "./idempotency.ts";
import { tableNameInArn } from "./request.ts";
import type { Table, TableView } from "./table.ts";
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

  /** Meters capacity (may throw the meter's throttling error). Units of 0 are not metered. */
  consume(tableName: string, kind: "read" | "write", units: number, indexName?: string): void {
    if (this.settings.capacity === undefined || units <= 0) return;
    if (indexName === undefined) this.settings.capacity.consume(tableName, kind, units);
    else this.settings.capacity.consume(tableName, kind, units, indexName);
  }

  /**
   * What a read sees. Consistent reads see the latest state; an eventually consistent one sees
   * the state at a moment drawn uniformly from the last `eventualReadLagMs` (one draw per read).
   */
  view(table: Table, consistent: boolean): TableView {
    const lagMs = this.settings.eventualReadLagMs;
    if (consistent || lagMs <= 0) return table.latest();
    const stalenessMs = this.kernel.nextInt(
      `dynamodb.${table.definition.tableName}.readStalenessMs`,
      lagMs + 1,
    );
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
    table.write(key, oldItem, newItem, atMs, this.settings.eventualReadLagMs);
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
}

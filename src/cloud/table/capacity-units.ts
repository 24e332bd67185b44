import type { Engine } from "./engine.ts";
import type { GsiState } from "./gsi.ts";
import { sizeOf } from "./item-size.ts";
import type { Input } from "./request.ts";
import { optionalEnum } from "./request.ts";
import type { Table } from "./table.ts";
import type { Item } from "./values.ts";
import { valuesEqual } from "./values.ts";

const READ_UNIT_BYTES = 4096;
const WRITE_UNIT_BYTES = 1024;

/**
 * Read units for `sizeBytes` read in one request: 4 KB units rounded up (at least one), halved
 * for an eventually consistent read. DynamoDB rounds Query and Scan over the total size read,
 * GetItem and batch reads per item.
 *
 * @example readUnits(5000, true) // 2
 */
export function readUnits(sizeBytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(sizeBytes / READ_UNIT_BYTES));
  return consistent ? units : units / 2;
}

/** Write units for an item of `sizeBytes`: 1 KB units rounded up, at least one. */
export function writeUnits(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / WRITE_UNIT_BYTES));
}

function sameProjection(a: Item, b: Item): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((n) => b[n] !== undefined && valuesEqual(a[n]!, b[n]!))
  );
}

/**
 * The write units a table write costs one GSI (DynamoDB's rules): none when the item is in the
 * index neither before nor after or its projection is unchanged; one to put, delete or update the
 * projection; two when the index key changes (a delete and a put).
 */
export function gsiWriteUnits(index: GsiState, oldItem: Item | undefined, newItem: Item | undefined): number {
  const before = index.project(oldItem);
  const after = index.project(newItem);
  if (before === undefined && after === undefined) return 0;
  if (before === undefined) return writeUnits(sizeOf(after));
  if (after === undefined) return writeUnits(sizeOf(before));
  if (sameProjection(before, after)) return 0;
  const keyNames = [index.definition.keys.partition.name, index.definition.keys.sort?.name];
  const keyChanged = keyNames.some((n) => n !== undefined && !valuesEqual(before[n]!, after[n]!));
  return keyChanged ? writeUnits(sizeOf(before)) + writeUnits(sizeOf(after)) : writeUnits(sizeOf(after));
}

/** What a request asked to be told about the capacity it consumed. */
export type ConsumedCapacityMode = "NONE" | "TOTAL" | "INDEXES";

/** Reads ReturnConsumedCapacity. */
export function consumedCapacityMode(input: Input): ConsumedCapacityMode {
  return (
    optionalEnum(
      input,
      "ReturnConsumedCapacity",
      ["NONE", "TOTAL", "INDEXES"] as const,
      `1 validation error detected: Value '${String(input.ReturnConsumedCapacity)}' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]`,
    ) ?? "NONE"
  );
}

/**
 * Capacity consumed by one request on one table, metered as it is added and reported in
 * DynamoDB's `ConsumedCapacity` shape.
 *
 * @example
 * const meter = new Consumption(engine, table, "write");
 * meter.add(2);
 * meter.report("TOTAL"); // { TableName: "Orders", CapacityUnits: 2 }
 */
export class Consumption {
  private tableUnits = 0;
  private readonly indexUnits = new Map<string, number>();

  constructor(
    private readonly engine: Engine,
    readonly table: Table,
    readonly kind: "read" | "write",
  ) {}

  /** Meters `units` against the table (or one of its indexes); throws when throttled. */
  add(units: number, indexName?: string): void {
    this.engine.consume(this.table.definition.tableName, this.kind, units, indexName);
    if (indexName === undefined) this.tableUnits += units;
    else this.indexUnits.set(indexName, (this.indexUnits.get(indexName) ?? 0) + units);
  }

  /** Meters a table write and its effect on every GSI, `multiplier` times (2 in transactions). */
  addWrite(oldItem: Item | undefined, newItem: Item | undefined, multiplier = 1): void {
    const size = Math.max(sizeOf(oldItem), sizeOf(newItem));
    this.add(writeUnits(size) * multiplier);
    for (const index of this.table.indexes.values()) {
      const units = gsiWriteUnits(index, oldItem, newItem) * multiplier;
      if (units > 0) this.add(units, index.definition.indexName);
    }
  }

  /**
   * Meters a write whose condition failed: DynamoDB still charges the table for the size of the
   * existing item (at least one unit), and nothing is written to the indexes.
   */
  addFailedWrite(oldItem: Item | undefined, multiplier = 1): void {
    this.add(writeUnits(sizeOf(oldItem)) * multiplier);
  }

  /**
   * The `ConsumedCapacity` member for the response, or undefined for mode NONE. `withKindUnits`
   * adds ReadCapacityUnits/WriteCapacityUnits.
   */
  report(mode: ConsumedCapacityMode, withKindUnits = false): Record<string, unknown> | undefined {
    if (mode === "NONE") return undefined;
    let total = this.tableUnits;
    for (const units of this.indexUnits.values()) total += units;
    // The shapes DynamoDB Local answers with: the read/write split appears for transactions only.
    const kindKey = this.kind === "read" ? "ReadCapacityUnits" : "WriteCapacityUnits";
    const shape = (units: number) =>
      withKindUnits ? { CapacityUnits: units, [kindKey]: units } : { CapacityUnits: units };
    const out: Record<string, unknown> = { TableName: this.table.definition.tableName, ...shape(total) };
    if (mode === "INDEXES") {
      out.Table = shape(this.tableUnits);
      if (this.indexUnits.size > 0) {
        const indexes: Record<string, unknown> = {};
        for (const [name, units] of this.indexUnits) indexes[name] = shape(units);
        out.GlobalSecondaryIndexes = indexes;
      }
    }
    return out;
  }
}

/**
 * One {@link Consumption} per table, for requests that span tables (transactions).
 *
 * @example
 * const meters = new ConsumptionByTable(engine, "write");
 * meters.of(table).addWrite(oldItem, newItem, 2);
 */
export class ConsumptionByTable {
  private readonly byTable = new Map<Table, Consumption>();

  constructor(
    private readonly engine: Engine,
    private readonly kind: "read" | "write",
  ) {}

  /** The meter of `table`, created on first use. */
  of(table: Table): Consumption {
    const existing = this.byTable.get(table);
    if (existing !== undefined) return existing;
    const meter = new Consumption(this.engine, table, this.kind);
    this.byTable.set(table, meter);
    return meter;
  }

  /** The `ConsumedCapacity` list (one entry per table, in first-use order), or undefined for NONE. */
  report(mode: ConsumedCapacityMode): Record<string, unknown>[] | undefined {
    if (mode === "NONE") return undefined;
    return [...this.byTable.values()].map((meter) => meter.report(mode, true)!);
  }
}

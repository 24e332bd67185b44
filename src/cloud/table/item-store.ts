import { sizeOf } from "./item-size.ts";
import { encodeKeyValue, partitionHash } from "./keys.ts";
import type { KeySchema } from "./model.ts";
import type { AttributeValue, Item } from "./values.ts";
import { compareValues } from "./values.ts";

/** One stored item with the tuple that orders it inside its partition. */
export interface StoredEntry {
  readonly item: Item;
  readonly order: readonly AttributeValue[];
}

/** All items sharing one partition key value, ordered by their order tuple. */
export interface StoredPartition {
  readonly hash: number;
  readonly encoded: string;
  readonly entries: StoredEntry[];
}

/** Compares order tuples element by element in DynamoDB's key order. */
export function compareOrder(a: readonly AttributeValue[], b: readonly AttributeValue[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function comparePartitions(
  a: { hash: number; encoded: string },
  b: { hash: number; encoded: string },
): number {
  if (a.hash !== b.hash) return a.hash - b.hash;
  return a.encoded < b.encoded ? -1 : a.encoded > b.encoded ? 1 : 0;
}

/** Index of the first element not less than `probe` (binary search). */
export function lowerBound<T, P>(
  list: readonly T[],
  probe: P,
  compare: (item: T, probe: P) => number,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Items under one key schema (a table, or a GSI), grouped by partition key and ordered inside a
 * partition by an order tuple: the sort key for a table; for a GSI the index sort key followed by
 * the table's key, so that items with equal index keys keep a stable, deterministic order.
 * Partitions are ordered by a hash of their key, which is the order Scan visits them in.
 *
 * @example
 * const store = new ItemStore(schema, (item) => [item["sk"]!]);
 * store.put(item);
 */
export class ItemStore {
  private readonly byKey = new Map<string, StoredPartition>();
  /**
   * Partitions in scan order as of the last reorder. New partitions wait in `added` and emptied
   * ones stay here until the next read of the order, so that a write costs O(1) rather than an
   * O(partitions) splice: with 100k partitions a splice per new partition dominated PutItem.
   */
  private ordered: StoredPartition[] = [];
  private added: StoredPartition[] = [];
  private stale = false;
  private count = 0;

  constructor(
    readonly schema: KeySchema,
    /** The order tuple of an item inside its partition; also its identity there. */
    readonly orderOf: (item: Item) => AttributeValue[],
  ) {}

  /** Number of items stored. */
  get size(): number {
    return this.count;
  }

  /** Partitions in scan order. */
  partitions(): readonly StoredPartition[] {
    if (this.added.length > 0 || this.stale) this.reorder();
    return this.ordered;
  }

  /** Merges the partitions added since the last read into the order and drops removed ones. */
  private reorder(): void {
    const live = (p: StoredPartition) => this.byKey.get(p.encoded) === p;
    const added = this.added.filter(live).sort(comparePartitions);
    const merged: StoredPartition[] = [];
    let j = 0;
    for (const partition of this.ordered) {
      if (!live(partition)) continue;
      while (j < added.length && comparePartitions(added[j]!, partition) < 0) merged.push(added[j++]!);
      merged.push(partition);
    }
    while (j < added.length) merged.push(added[j++]!);
    this.ordered = merged;
    this.added = [];
    this.stale = false;
  }

  /** The partition holding a partition key value, if it has items. */
  partition(value: AttributeValue): StoredPartition | undefined {
    return this.byKey.get(encodeKeyValue(value));
  }

  /** Position of a partition key value in scan order: the index of the first partition at or after it. */
  partitionPosition(value: AttributeValue): { index: number; exact: boolean } {
    const encoded = encodeKeyValue(value);
    const probe = { hash: partitionHash(encoded), encoded };
    const ordered = this.partitions();
    const index = lowerBound(ordered, probe, comparePartitions);
    const found = ordered[index];
    return { index, exact: found !== undefined && found.encoded === encoded };
  }

  /** The item whose partition key and order tuple equal those of `keyItem`. */
  get(keyItem: Item): Item | undefined {
    const partition = this.partition(keyItem[this.schema.partition.name]!);
    if (partition === undefined) return undefined;
    const order = this.orderOf(keyItem);
    const index = lowerBound(partition.entries, order, (e, o) => compareOrder(e.order, o));
    const entry = partition.entries[index];
    return entry !== undefined && compareOrder(entry.order, order) === 0 ? entry.item : undefined;
  }

  /** Inserts an item, replacing the one with the same identity. */
  put(item: Item): void {
    const value = item[this.schema.partition.name]!;
    const order = this.orderOf(item);
    let partition = this.partition(value);
    if (partition === undefined) {
      const encoded = encodeKeyValue(value);
      // Built holding its one entry: an empty array grown by splice gets room for 16, and on a
      // table with only a partition key every item is a partition of one.
      partition = { hash: partitionHash(encoded), encoded, entries: [{ item, order }] };
      this.byKey.set(encoded, partition);
      this.added.push(partition);
      this.count++;
      return;
    }
    const index = lowerBound(partition.entries, order, (e, o) => compareOrder(e.order, o));
    const existing = partition.entries[index];
    if (existing !== undefined && compareOrder(existing.order, order) === 0) {
      partition.entries[index] = { item, order };
      return;
    }
    partition.entries.splice(index, 0, { item, order });
    this.count++;
  }

  /** Removes the item with the identity of `keyItem`, if present. */
  delete(keyItem: Item): void {
    const partition = this.partition(keyItem[this.schema.partition.name]!);
    if (partition === undefined) return;
    const order = this.orderOf(keyItem);
    const index = lowerBound(partition.entries, order, (e, o) => compareOrder(e.order, o));
    const entry = partition.entries[index];
    if (entry === undefined || compareOrder(entry.order, order) !== 0) return;
    partition.entries.splice(index, 1);
    this.count--;
    if (partition.entries.length === 0) {
      this.byKey.delete(partition.encoded);
      this.stale = true;
    }
  }

  /** A copy whose later changes do not affect this store (items are shared, never mutated). */
  clone(): ItemStore {
    const copy = new ItemStore(this.schema, this.orderOf);
    for (const partition of this.partitions()) {
      const cloned: StoredPartition = { ...partition, entries: [...partition.entries] };
      copy.byKey.set(cloned.encoded, cloned);
      copy.ordered.push(cloned);
    }
    copy.count = this.count;
    return copy;
  }
}

/**
 * The bytes of every item in a store, by DynamoDB's size rules.
 *
 * @example storeSizeBytes(table.store) // 1234
 */
export function storeSizeBytes(store: ItemStore | undefined): number {
  let total = 0;
  for (const partition of store?.partitions() ?? [])
    for (const entry of partition.entries) total += sizeOf(entry.item);
  return total;
}

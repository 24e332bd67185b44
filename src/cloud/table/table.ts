import { GsiState } from "./gsi.ts";
import { ItemStore, storeSizeBytes } from "./item-store.ts";
import type { TableDefinition } from "./model.ts";
import type { AttributeValue, Item } from "./values.ts";

/**
 * The order tuple of every item of a table without a sort key: one shared array (order tuples are
 * only read), not a new empty one kept beside each item.
 */
const NO_SORT_KEY: AttributeValue[] = Object.freeze([]) as unknown as AttributeValue[];

/** A past write, kept while eventually consistent reads may still see the state before it. */
interface LoggedWrite {
  readonly atMs: number;
  readonly key: Item;
  readonly oldItem: Item | undefined;
}

/** What a read sees: the table's items and its indexes' items, at one moment. */
export interface TableView {
  readonly store: ItemStore;
  index(indexName: string): ItemStore | undefined;
}

/**
 * One table's live state: its definition, its items, its GSIs, and (when reads may lag) a short
 * log of recent writes from which an older state can be rebuilt. Stored items are never mutated;
 * every write stores a new object, so a view can share them.
 *
 * @example
 * const table = new Table(definition);
 * table.write(key, item, kernel.nowMs(), 0);
 */
export class Table {
  readonly store: ItemStore;
  readonly indexes: ReadonlyMap<string, GsiState>;
  private log: LoggedWrite[] = [];

  constructor(public definition: TableDefinition) {
    const sortName = definition.keys.sort?.name;
    this.store = new ItemStore(definition.keys, (item) =>
      sortName === undefined ? NO_SORT_KEY : [item[sortName]!],
    );
    this.indexes = new Map(definition.gsis.map((gsi) => [gsi.indexName, new GsiState(gsi, definition.keys)]));
  }

  /** Number of items, as DescribeTable reports it (live here; DynamoDB refreshes it every ~6 h). */
  get itemCount(): number {
    return this.store.size;
  }

  /**
   * Total size of the items in bytes (live, as `itemCount`). Summed when asked: DescribeTable is
   * rare, writes are not.
   */
  get tableSizeBytes(): number {
    return storeSizeBytes(this.store);
  }

  /**
   * Replaces the item with key `key` by `newItem` (undefined deletes it), updating the indexes.
   * `lagMs` is how long this write must stay undoable for eventually consistent reads.
   */
  write(key: Item, oldItem: Item | undefined, newItem: Item | undefined, atMs: number, lagMs: number): void {
    if (newItem === undefined) this.store.delete(key);
    else this.store.put(newItem);
    for (const index of this.indexes.values()) index.apply(oldItem, newItem);
    if (lagMs > 0) {
      this.log.push({ atMs, key, oldItem });
      this.prune(atMs - lagMs);
    }
  }

  /** Forgets writes made at or before `beforeMs`: no read can be older than that any more. */
  private prune(beforeMs: number): void {
    let drop = 0;
    while (drop < this.log.length && this.log[drop]!.atMs <= beforeMs) drop++;
    if (drop > 0) this.log = this.log.slice(drop);
  }

  /** The latest state. */
  latest(): TableView {
    return { store: this.store, index: (name) => this.indexes.get(name)?.store };
  }

  /**
   * The state as it was at `asOfMs`: the latest state with every later write undone, newest
   * first. Indexes are rebuilt from that state. Costs a copy, so only reads with a lag pay it.
   */
  viewAt(asOfMs: number): TableView {
    const later = this.log.filter((entry) => entry.atMs > asOfMs);
    if (later.length === 0) return this.latest();
    const store = this.store.clone();
    for (let i = later.length - 1; i >= 0; i--) {
      const entry = later[i]!;
      if (entry.oldItem === undefined) store.delete(entry.key);
      else store.put(entry.oldItem);
    }
    // Indexes are rebuilt from that state on first use: most reads touch the table or one index.
    const indexes = new Map<string, ItemStore>();
    const index = (name: string): ItemStore | undefined => {
      const gsi = this.indexes.get(name);
      if (gsi === undefined) return undefined;
      let rebuilt = indexes.get(name);
      if (rebuilt === undefined) {
        const state = new GsiState(gsi.definition, this.definition.keys);
        for (const partition of store.partitions()) {
          for (const entry of partition.entries) state.apply(undefined, entry.item);
        }
        rebuilt = state.store;
        indexes.set(name, rebuilt);
      }
      return rebuilt;
    };
    return { store, index };
  }
}

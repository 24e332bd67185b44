import { currentContext } from "../../core/context.ts";
import type { KernelServices } from "../../core/services.ts";
import type { ItemChange } from "./change.ts";
import { keyIdentity } from "./ttl-identity.ts";
import { type QueuedEntry, TtlQueue } from "./ttl-queue.ts";
import type { Item } from "./values.ts";

/**
 * What the TTL sweeper needs from the table engine: the current items and a way to delete one as
 * the service (the engine reports that deletion with `removedByService: true`, so it reaches the
 * stream as a REMOVE with the service identity, and consumes no write capacity).
 */
export interface TtlTableAccess {
  /** Every item of a table now, with its key attributes (used when TTL is enabled). */
  listItems(tableName: string): Iterable<{ readonly keys: Item; readonly item: Item }>;
  /**
   * The item with these key attributes now, or `undefined`. `keys` may be a whole item (the
   * sweeper passes the version it last saw): only its key attributes are read.
   */
  getItem(tableName: string, keys: Item): Item | undefined;
  /** Deletes an expired item as DynamoDB's TTL process does; `keys` as for `getItem`. */
  deleteExpiredItem(tableName: string, keys: Item): void;
}

/** Options of a {@link TtlSweeper}. */
export interface TtlSweeperOptions {
  readonly kernel: KernelServices;
  readonly tables: TtlTableAccess;
  /**
   * How long after expiry an item is deleted, drawn uniformly from [minMs, maxMs] through the
   * choice stream. Default 0 to 48 hours: "DynamoDB typically deletes expired items within two
   * days of expiration" (UpdateTimeToLive API reference). DynamoDB Local instead deletes within
   * seconds (a probe saw a REMOVE 10 s after the write); Squall follows the service.
   */
  readonly deletionDelay?: { readonly minMs: number; readonly maxMs: number };
}

/** Items whose expiry lies more than five years in the past are never deleted (TTL docs). */
export const TTL_MAX_AGE_MS = 5 * 365.25 * 24 * 60 * 60 * 1000;
const DEFAULT_DELAY = { minMs: 0, maxMs: 48 * 60 * 60 * 1000 };

/** The kernel timer's label, after the phase of the earliest entry: expiring, then deleting. */
const EXPIRE = "dynamodb.ttl.expire";
const DELETE = "dynamodb.ttl.delete";

/**
 * An item waiting to expire (label EXPIRE), then to be deleted (DELETE): one object from the
 * write to the deletion, queued in the sweeper's {@link TtlQueue} in the tracking write's context.
 */
interface Pending extends QueuedEntry {
  readonly tableName: string;
  readonly id: string;
  /**
   * The item as last written: it carries its key, and the table holds it anyway, where a key
   * object of its own would cost as much again as the rest of this entry.
   */
  item: Item;
  readonly expiresAtMs: number;
  label: typeof EXPIRE | typeof DELETE;
}

/**
 * DynamoDB's background TTL process on virtual time. It watches each item's TTL attribute (through
 * the engine's change feed, `onChange`); once an item has expired it draws a deletion delay from
 * the choice stream and, when that time comes, re-reads the item and deletes it only if it is still
 * expired. Until then the item stays readable, as in DynamoDB.
 *
 * Pending items share one kernel timer (see {@link TtlQueue}), not one each: expiries and deletions
 * due in the same millisecond therefore run as one kernel action, which a random or PCT selector
 * cannot interleave with other actions of that millisecond as it could per-item timers.
 *
 * @example
 * const sweeper = new TtlSweeper({ kernel, tables: engine.ttlAccess() });
 * engine.addListener(sweeper.onChange);
 * sweeper.enable("Sessions", "expiresAt");
 */
export class TtlSweeper {
  private readonly kernel: KernelServices;
  private readonly tables: TtlTableAccess;
  private readonly delay: { readonly minMs: number; readonly maxMs: number };
  private readonly attributeByTable = new Map<string, string>();
  private readonly pendingByTable = new Map<string, Map<string, Pending>>();
  private readonly queue: TtlQueue<Pending>;

  constructor(options: TtlSweeperOptions) {
    this.kernel = options.kernel;
    this.tables = options.tables;
    this.delay = options.deletionDelay ?? DEFAULT_DELAY;
    this.queue = new TtlQueue<Pending>(this.kernel, (entry) =>
      entry.label === EXPIRE ? this.onExpired(entry) : this.onDeletionDue(entry),
    );
    const { minMs, maxMs } = this.delay;
    if (!Number.isInteger(minMs) || !Number.isInteger(maxMs) || minMs < 0 || maxMs < minMs) {
      throw new RangeError(
        `TtlSweeper: deletionDelay needs integers 0 <= minMs <= maxMs, got ${minMs}..${maxMs}`,
      );
    }
  }

  /** Turns TTL on for a table (UpdateTimeToLive) and looks at the items it already holds. */
  enable(tableName: string, attributeName: string): void {
    this.queue.batch(() => {
      this.disable(tableName);
      this.attributeByTable.set(tableName, attributeName);
      this.pendingByTable.set(tableName, new Map());
      for (const { keys, item } of this.tables.listItems(tableName))
        this.track(tableName, keyIdentity(keys), item);
    });
  }

  /** Turns TTL off for a table (or forgets a deleted table): pending deletions are dropped. */
  disable(tableName: string): void {
    this.queue.batch(() => {
      for (const pending of this.pendingByTable.get(tableName)?.values() ?? []) this.queue.cancel(pending);
      this.pendingByTable.delete(tableName);
      this.attributeByTable.delete(tableName);
    });
  }

  /** The engine's change listener: re-evaluates an item whenever it is written or deleted. */
  readonly onChange = (change: ItemChange): void => {
    if (!this.attributeByTable.has(change.tableName)) return;
    const id = keyIdentity(change.keys);
    if (change.newImage === undefined) this.forget(change.tableName, id);
    else this.track(change.tableName, id, change.newImage);
  };

  /** How many items of a table are waiting to expire or to be deleted. */
  pendingCount(tableName: string): number {
    return this.pendingByTable.get(tableName)?.size ?? 0;
  }

  private track(tableName: string, id: string, item: Item): void {
    const expiresAtMs = this.expiryOf(tableName, item);
    const pending = this.pendingByTable.get(tableName);
    const current = pending?.get(id);
    // A write that keeps the expiry time keeps the item's place in the queue.
    if (current !== undefined && current.expiresAtMs === expiresAtMs) {
      current.item = item;
      return;
    }
    this.forget(tableName, id);
    if (pending === undefined || expiresAtMs === undefined) return;
    // Expired means "TTL value less than the current time": the first millisecond after it.
    const dueMs = Math.max(this.kernel.nowMs(), Math.floor(expiresAtMs) + 1);
    const context = currentContext();
    const entry: Pending = {
      dueMs,
      seq: 0,
      cancelled: false,
      tableName,
      id,
      item,
      expiresAtMs,
      label: EXPIRE,
      context,
    };
    pending.set(id, entry);
    this.queue.push(entry);
  }

  private onExpired(entry: Pending): void {
    const { minMs, maxMs } = this.delay;
    const delayMs = minMs + this.kernel.nextInt("dynamodb.ttl.deletionDelayMs", maxMs - minMs + 1);
    entry.dueMs = this.kernel.nowMs() + delayMs;
    entry.label = DELETE;
    this.queue.push(entry);
  }

  private onDeletionDue(entry: Pending): void {
    const { tableName, id } = entry;
    this.pendingByTable.get(tableName)?.delete(id);
    // The item may have changed without us hearing of it (e.g. the change feed was wired late):
    // delete only what is, right now, still an expired item.
    const item = this.tables.getItem(tableName, entry.item);
    if (item === undefined) return;
    const expiresAtMs = this.expiryOf(tableName, item);
    if (expiresAtMs === undefined) return;
    if (expiresAtMs >= this.kernel.nowMs()) {
      this.track(tableName, id, item);
      return;
    }
    this.tables.deleteExpiredItem(tableName, item);
  }

  private forget(tableName: string, id: string): void {
    const pending = this.pendingByTable.get(tableName);
    const entry = pending?.get(id);
    if (entry === undefined) return;
    this.queue.cancel(entry);
    pending?.delete(id);
  }

  /**
   * The item's expiry in ms, or `undefined` when TTL ignores it: no TTL attribute, not a Number
   * (the docs: "the TTL processes ignore the item"), or more than five years in the past.
   */
  private expiryOf(tableName: string, item: Item): number | undefined {
    const attribute = this.attributeByTable.get(tableName);
    const value = attribute === undefined ? undefined : item[attribute];
    if (value === undefined || !("N" in value)) return undefined;
    const seconds = Number(value.N);
    if (!Number.isFinite(seconds)) return undefined;
    const expiresAtMs = seconds * 1000;
    return expiresAtMs < this.kernel.nowMs() - TTL_MAX_AGE_MS ? undefined : expiresAtMs;
  }
}

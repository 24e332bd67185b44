import type { Item } from "./values.ts";

/**
 * One actual change to one item, as the table engine reports it to its stream and to
 * anything else that listens. A write that changes nothing (a Put of an identical item, a Delete of
 * a missing item) produces no change, as DynamoDB Streams produces no record for it.
 */
export interface ItemChange {
  readonly tableName: string;
  /** The item's key attributes only. */
  readonly keys: Item;
  /** The item before the write; absent for an insert. */
  readonly oldImage?: Item;
  /** The item after the write; absent for a delete. */
  readonly newImage?: Item;
  /** Set for deletions made by the service itself (TTL expiry), as Streams' `userIdentity`. */
  readonly removedByService?: boolean;
  /** Virtual time of the write, in ms since the epoch. */
  readonly atMs: number;
  /** The span (SDK call) that made the change, for causality links in the trace. */
  readonly causeSpanId?: string;
}

/** Receives every change a table makes, in the order the table made them. */
export type ChangeListener = (change: ItemChange) => void;

/**
 * Meters read and write capacity. A provisioned table throws
 * `ProvisionedThroughputExceededException` when its bucket is dry; an on-demand table throttles
 * only when a fault plan says so (the `faultHook`).
 */
export interface CapacityMeter {
  /**
   * Consumes `units` of read or write capacity of a table (or of one of its GSIs) at the current
   * virtual time, or throws the service's throttling error without consuming anything.
   */
  consume(tableName: string, kind: "read" | "write", units: number, indexName?: string): void;
}

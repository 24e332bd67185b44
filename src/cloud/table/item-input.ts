import { canonicalItem } from "./canonical.ts";
import { keyMismatch, validationError } from "./errors.ts";
import type { GsiState } from "./gsi.ts";
import { sizeOf } from "./item-size.ts";
import {
  checkKeyArgument,
  checkKeyInItem,
  keyNames,
  transactItemKeyProblem,
  transactKeyProblem,
} from "./keys.ts";
import { isRecord } from "./request.ts";
import type { Table } from "./table.ts";
import type { Item } from "./values.ts";
import { validateItem } from "./values.ts";

/** DynamoDB's item size limit: 400 KB, attribute names included. */
export const MAX_ITEM_SIZE_BYTES = 400 * 1024;

/** Throws DynamoDB's error when an item is over 400 KB. */
export function checkItemSize(item: Item, message = "Item size has exceeded the maximum allowed size"): void {
  if (sizeOf(item) > MAX_ITEM_SIZE_BYTES) throw validationError(message);
}

/**
 * The key attributes of the table's GSIs that are not table keys, each with the first index (in
 * the table's order) that has it, sorted by attribute name: DynamoDB Local checks them in name
 * order whatever the order of the indexes (probe: with idx1 on gh/gr created before idx2 on g2,
 * an item with gr of the wrong type and a BOOL g2 is refused for g2; gh before gr likewise).
 *
 * @example for (const { name, index } of indexKeyAttributes(table)) index.typeMismatch({ [name]: item[name]! });
 */
export function indexKeyAttributes(table: Table): { readonly name: string; readonly index: GsiState }[] {
  const tableKeys = keyNames(table.definition.keys);
  const byName = new Map<string, GsiState>();
  for (const index of table.indexes.values()) {
    for (const name of keyNames(index.definition.keys)) {
      if (!tableKeys.includes(name) && !byName.has(name)) byName.set(name, index);
    }
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, index]) => ({ name, index }));
}

/**
 * Checks the GSI key attributes of an item, after the table's key, attribute by attribute in
 * {@link indexKeyAttributes} order: type (unless `checkTypes` is false), empty value, size.
 *
 * @example checkIndexKeys(table, item, true);
 */
export function checkIndexKeys(table: Table, item: Item, checkTypes: boolean): void {
  if (table.indexes.size === 0) return;
  for (const { name, index } of indexKeyAttributes(table)) {
    const value = item[name];
    if (value !== undefined) index.checkItem({ [name]: value }, checkTypes);
  }
}

/**
 * Reads and checks a whole item to write: attribute values first, then the table's key, the
 * GSIs' key types (unless `checkIndexTypes` is false: a transaction checks those later), the size
 * limit. DynamoDB Local checks in this order (probe: an item with a malformed number and without
 * its partition key is refused for the number). Returns it in canonical form.
 *
 * @example const item = readWriteItem(table, input["Item"], "Item to put in PutItem cannot be null");
 */
export function readWriteItem(
  table: Table,
  raw: unknown,
  nullMessage: string,
  inBatch = false,
  checkIndexTypes = true,
): Item {
  if (raw === undefined || raw === null) throw validationError(nullMessage);
  validateItem(raw);
  const item = canonicalItem(raw);
  checkKeyInItem(table.definition.keys, item, inBatch);
  checkIndexKeys(table, item, checkIndexTypes);
  checkItemSize(item);
  return item;
}

/**
 * Reads and checks a `Key` argument against the table's key schema.
 *
 * @example const key = readKey(table, input["Key"]);
 */
export function readKey(table: Table, raw: unknown): Item {
  if (raw === undefined || raw === null) {
    throw validationError("Cannot have null key for GetItem, DeleteItem, or UpdateItem");
  }
  // DynamoDB reports a wrong number of key attributes before it looks at their values.
  if (isRecord(raw) && Object.keys(raw).length !== keyNames(table.definition.keys).length)
    throw keyMismatch();
  validateItem(raw);
  const key = canonicalItem(raw);
  checkKeyArgument(table.definition.keys, key);
  return key;
}

/** A transaction action's item or key, and the reason the action is cancelled for, if any. */
export interface TransactTarget {
  readonly item: Item;
  /** A ValidationError cancellation reason's message (a key of the wrong type). */
  readonly keyReason: string | undefined;
}

/**
 * Reads the Item of a TransactWriteItems Put: as {@link readWriteItem} (index key types are left to
 * the transaction), but a table key of the wrong type becomes the action's cancellation reason.
 *
 * @example const { item, keyReason } = readTransactItem(table, body["Item"]);
 */
export function readTransactItem(table: Table, raw: unknown): TransactTarget {
  if (raw === undefined || raw === null) throw validationError("Item to put in PutItem cannot be null");
  validateItem(raw);
  const item = canonicalItem(raw);
  const keyReason = transactItemKeyProblem(table.definition.keys, item);
  checkIndexKeys(table, item, false);
  checkItemSize(item);
  return { item, keyReason };
}

/**
 * Reads the Key of a transaction action; a key that does not match the schema becomes the
 * action's cancellation reason (see {@link transactKeyProblem} for `countIsReason` and
 * `nonKeyTypeIsReason`).
 *
 * @example const { item: key, keyReason } = readTransactKey(table, body["Key"], false, true);
 */
export function readTransactKey(
  table: Table,
  raw: unknown,
  countIsReason: boolean,
  nonKeyTypeIsReason: boolean,
): TransactTarget {
  if (raw === undefined || raw === null) {
    throw validationError("Cannot have null key for GetItem, DeleteItem, or UpdateItem");
  }
  validateItem(raw);
  const item = canonicalItem(raw);
  const schema = table.definition.keys;
  return { item, keyReason: transactKeyProblem(schema, item, countIsReason, nonKeyTypeIsReason) };
}

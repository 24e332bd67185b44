import { canonicalItem } from "./canonical.ts";
import { keyMismatch, validationError } from "./errors.ts";
import { sizeOf } from "./item-size.ts";
import { checkKeyArgument, checkKeyInItem, checkKeyNamesPresent, keyNames } from "./keys.ts";
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
 * Reads and checks a whole item to write: attribute values, the table's key, the GSIs' key
 * types (unless `checkIndexTypes` is false: a transaction checks those later), the size limit.
 * Returns it in canonical form.
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
  // DynamoDB reports a missing key attribute before it looks at the values. In BatchWriteItem
  // it words it as a key mismatch (captured against AWS in paritysuite/dynamodb-conformance
  // tests/tier3/error-messages/batchWriteItem.test.ts, "item without the partition key").
  if (isRecord(raw) && inBatch && keyNames(table.definition.keys).some((name) => raw[name] === undefined))
    throw keyMismatch();
  if (isRecord(raw)) checkKeyNamesPresent(table.definition.keys, raw);
  validateItem(raw);
  const item = canonicalItem(raw);
  checkKeyInItem(table.definition.keys, item, inBatch);
  for (const index of table.indexes.values()) index.checkItem(item, checkIndexTypes);
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

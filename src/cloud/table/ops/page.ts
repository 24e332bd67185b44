import { canonicalItem } from "../canonical.ts";
import { evaluateCondition, project } from "../expression/index.ts";
import { sizeOf } from "../item-size.ts";
import type { StoredEntry } from "../item-store.ts";
import type { Item } from "../values.ts";
import type { ReadParams } from "./read-params.ts";

/** A Query or Scan reads at most 1 MB of items per page, before the filter. */
export const PAGE_LIMIT_BYTES = 1024 * 1024;

/** One page of a Query or Scan. */
export interface Page {
  readonly items: Item[];
  readonly count: number;
  readonly scannedCount: number;
  /** Set when the page stopped at Limit or at 1 MB: the key to continue from. */
  readonly lastEvaluatedKey: Item | undefined;
  /** Bytes of items read (what read capacity is charged for). */
  readonly bytesRead: number;
}

function cursorOf(params: ReadParams, item: Item): Item {
  const key: Item = {};
  for (const name of params.cursorNames) key[name] = item[name]!;
  return canonicalItem(key);
}

/**
 * Reads entries in order until Limit items were read or 1 MB was read, then filters: as DynamoDB
 * does, Limit counts items read, not items that pass the FilterExpression, so a page may hold
 * fewer items than Limit (even none) and still carry a LastEvaluatedKey.
 *
 * @example const page = collectPage(entriesFrom(start), params);
 */
export function collectPage(entries: Iterable<StoredEntry>, params: ReadParams): Page {
  const items: Item[] = [];
  let count = 0;
  let scannedCount = 0;
  let bytesRead = 0;
  let last: Item | undefined;
  for (const entry of entries) {
    scannedCount++;
    bytesRead += sizeOf(entry.item);
    if (params.filter === undefined || evaluateCondition(params.filter, entry.item)) {
      count++;
      if (params.select !== "COUNT") {
        const shown = params.projection === undefined ? entry.item : project(params.projection, entry.item);
        items.push(canonicalItem(shown));
      }
    }
    if ((params.limit !== undefined && scannedCount >= params.limit) || bytesRead >= PAGE_LIMIT_BYTES) {
      last = entry.item;
      break;
    }
  }
  const lastEvaluatedKey = last === undefined ? undefined : cursorOf(params, last);
  return { items, count, scannedCount, lastEvaluatedKey, bytesRead };
}

/** The response members of a page. */
export function pageOutput(page: Page, params: ReadParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (params.select !== "COUNT") out.Items = page.items;
  out.Count = page.count;
  out.ScannedCount = page.scannedCount;
  if (page.lastEvaluatedKey !== undefined) out.LastEvaluatedKey = page.lastEvaluatedKey;
  return out;
}

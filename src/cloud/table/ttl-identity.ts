import { flatString } from "../../core/flat-string.ts";
import { encodeKeyValue } from "./keys.ts";
import type { AttributeValue, Item } from "./values.ts";

/**
 * A string equal for two key-attribute maps of one table exactly when they name the same item.
 * A lone string key is its own identity: every key of a table has the same shape, and that string
 * is the item's, where a built one would be kept twice over per pending item. Otherwise each part
 * is length-prefixed, so no name or value can run into the next. Runs on every write to a TTL table.
 *
 * @example keyIdentity({ id: { S: "a" } }) // "a"
 */
export function keyIdentity(keys: Item): string {
  let only: AttributeValue | undefined;
  let count = 0;
  for (const name in keys) {
    only = keys[name];
    if (++count > 1) break;
  }
  if (count === 1 && only !== undefined && "S" in only) return only.S;
  const names = Object.keys(keys);
  if (names.length > 1) names.sort();
  let id = "";
  for (const name of names) {
    const encoded = encodeKeyValue(keys[name] as AttributeValue);
    id += `${name.length}:${name}${encoded.length}:${encoded}`;
  }
  // Built piece by piece, and kept as long as the item waits to expire.
  return flatString(id);
}

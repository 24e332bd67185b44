import type { AttributeValue, Item } from "../values.ts";

/**
 * A string equal for two key values exactly when they are the same value: type tag plus value
 * (binary as hex). Used to pick a record's shard.
 *
 * @example
 * keyValueText({ S: "a" }); // "S:a"
 */
export function keyValueText(value: AttributeValue | undefined): string {
  if (value === undefined) return "";
  if ("S" in value) return `S:${value.S}`;
  if ("N" in value) return `N:${value.N}`;
  if ("B" in value) return `B:${Array.from(value.B, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  return JSON.stringify(value);
}

/** The partition key's value of an item's keys under a key schema, as {@link keyValueText}. */
export function partitionKeyText(keys: Item, partitionKeyName: string | undefined): string {
  if (partitionKeyName !== undefined) return keyValueText(keys[partitionKeyName]);
  // Without a schema, hash every key attribute in name order so the choice is still stable.
  return Object.keys(keys)
    .sort()
    .map((name) => `${name}=${keyValueText(keys[name])}`)
    .join("|");
}

import { validationError } from "./errors.ts";
import { ItemStore } from "./item-store.ts";
import { keyNames, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, typeOf } from "./keys.ts";
import type { GsiDefinition, KeySchema } from "./model.ts";
import type { AttributeValue, Item } from "./values.ts";
import { attributeValueSizeBytes } from "./values.ts";

/**
 * A global secondary index: its definition and its own store of projected items. Items without
 * the index's key attributes are absent from it (a sparse index).
 *
 * @example
 * const index = new GsiState(def, tableKeys);
 * index.apply(oldItem, newItem);
 */
export class GsiState {
  store: ItemStore;

  constructor(
    readonly definition: GsiDefinition,
    readonly tableKeys: KeySchema,
  ) {
    this.store = GsiState.emptyStore(definition, tableKeys);
  }

  /** An empty store ordered by index sort key, then by the table's key (a stable tie-break). */
  static emptyStore(definition: GsiDefinition, tableKeys: KeySchema): ItemStore {
    const names = [
      ...(definition.keys.sort === undefined ? [] : [definition.keys.sort.name]),
      ...keyNames(tableKeys),
    ];
    return new ItemStore(definition.keys, (item) => names.map((n) => item[n] as AttributeValue));
  }

  /** The item as this index holds it, or undefined when the item lacks the index key. */
  project(item: Item | undefined): Item | undefined {
    if (item === undefined) return undefined;
    const indexKeys = keyNames(this.definition.keys);
    if (indexKeys.some((name) => item[name] === undefined)) return undefined;
    const projection = this.definition.projection;
    if (projection.type === "ALL") return item;
    const projected: Item = {};
    const names = [...keyNames(this.tableKeys), ...indexKeys, ...(projection.nonKeyAttributes ?? [])];
    for (const name of names) {
      const value = item[name];
      if (value !== undefined) projected[name] = value;
    }
    return projected;
  }

  /**
   * Checks an item about to be written: a present index key attribute must have the declared
   * type and must not be empty. Messages as the real service words them.
   */
  checkItem(item: Item, checkTypes = true): void {
    const { indexName, keys } = this.definition;
    if (checkTypes) {
      const mismatch = this.typeMismatch(item);
      if (mismatch !== undefined) throw validationError(mismatch);
    }
    for (const attribute of keys.sort === undefined ? [keys.partition] : [keys.partition, keys.sort]) {
      const value = item[attribute.name];
      if (value === undefined || typeOf(value) !== attribute.type) continue;
      if (("S" in value && value.S === "") || ("B" in value && value.B.length === 0)) {
        throw validationError(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: ${indexName}, IndexKey: ${attribute.name}`,
        );
      }
      const size = attributeValueSizeBytes(value);
      const max = attribute === keys.partition ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
      if (size > max) {
        // Wording as reported from AWS in architect/dynalite#35.
        throw validationError(
          `One or more parameter values were invalid: Size limit exceeded for Index Key ${attribute.name} Actual Size: ${size} bytes Max Size: ${max} bytes IndexName: ${indexName}`,
        );
      }
    }
  }

  /**
   * The message for a present index key attribute of the wrong type, if there is one. Kept apart
   * from {@link checkItem} because a transaction reports it as a cancellation reason, not as a
   * ValidationException of the whole call (captured against AWS in paritysuite/dynamodb-conformance
   * tests/tier3/error-messages/transactIndexKeys.test.ts).
   */
  typeMismatch(item: Item): string | undefined {
    const { indexName, keys } = this.definition;
    for (const attribute of keys.sort === undefined ? [keys.partition] : [keys.partition, keys.sort]) {
      const value = item[attribute.name];
      if (value === undefined) continue;
      const actual = typeOf(value);
      if (actual !== attribute.type)
        return `One or more parameter values were invalid: Type mismatch for Index Key ${attribute.name} Expected: ${attribute.type} Actual: ${actual} IndexName: ${indexName}`;
    }
    return undefined;
  }

  /** Moves the index from the projection of `oldItem` to that of `newItem`. */
  apply(oldItem: Item | undefined, newItem: Item | undefined): void {
    const before = this.project(oldItem);
    const after = this.project(newItem);
    if (before !== undefined) this.store.delete(before);
    if (after !== undefined) this.store.put(after);
  }
}

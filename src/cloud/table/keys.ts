import { keyMismatch, validationError } from "./errors.ts";
import type { KeyAttribute, KeySchema } from "./model.ts";
import type { AttributeValue, Item } from "./values.ts";
import { attributeValueSizeBytes, normalizeNumber } from "./values.ts";

/** The type tag of an attribute value (`S`, `N`, `M`, ...). */
export function typeOf(value: AttributeValue): string {
  for (const tag in value) return tag;
  return "";
}

/** The names of a key schema's attributes, partition key first. */
export function keyNames(schema: KeySchema): string[] {
  return schema.sort === undefined ? [schema.partition.name] : [schema.partition.name, schema.sort.name];
}

/** The key attributes of an item that is known to carry them. */
export function extractKey(schema: KeySchema, item: Item): Item {
  const key: Item = {};
  for (const name of keyNames(schema)) {
    const value = item[name];
    if (value !== undefined) key[name] = value;
  }
  return key;
}

function attributes(schema: KeySchema): KeyAttribute[] {
  return schema.sort === undefined ? [schema.partition] : [schema.partition, schema.sort];
}

function isEmptyScalar(value: AttributeValue): boolean {
  return ("S" in value && value.S === "") || ("B" in value && value.B.length === 0);
}

/** DynamoDB's size limit for a partition key value, in bytes. */
export const MAX_PARTITION_KEY_BYTES = 2048;
/** DynamoDB's size limit for a sort key value, in bytes. */
export const MAX_SORT_KEY_BYTES = 1024;

/**
 * Checks the sizes of a table key's values. Messages as the service words them (users quote
 * "...maximum size limit of2048 bytes" from AWS, e.g. nextauthjs/next-auth#5827); DynamoDB Local
 * says "Hash primary key values must be under 2048 bytes, and range primary key values must be
 * under 1024 bytes" for both.
 */
export function checkKeySizes(schema: KeySchema, key: Item): void {
  for (const attribute of attributes(schema)) checkKeySize(schema, attribute, key[attribute.name]!);
}

function checkKeySize(schema: KeySchema, attribute: KeyAttribute, value: AttributeValue): void {
  if (attribute === schema.partition && attributeValueSizeBytes(value) > MAX_PARTITION_KEY_BYTES) {
    throw validationError(
      `One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of${MAX_PARTITION_KEY_BYTES} bytes`,
    );
  }
  if (attribute !== schema.partition && attributeValueSizeBytes(value) > MAX_SORT_KEY_BYTES) {
    throw validationError(
      `One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of ${MAX_SORT_KEY_BYTES} bytes`,
    );
  }
}

function emptyKeyError(name: string): Error {
  return validationError(
    `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`,
  );
}

/**
 * A key attribute can only ever hold a string, number or binary; any other type (BOOL, NULL, a
 * list, map or set) is refused as "Invalid attribute value type" before it is compared with the
 * declared type. DynamoDB Local answers so in every operation (probe: PutItem, GetItem, batches,
 * transactions), and so does AWS (a BOOL mapped onto a key attribute, AllocZero/EfficientDynamoDb#252).
 */
function checkKeyValueType(value: AttributeValue): void {
  if (!("S" in value || "N" in value || "B" in value)) throw validationError("Invalid attribute value type");
}

/**
 * Checks a `Key` argument (GetItem, DeleteItem, UpdateItem, batches, transactions): exactly the
 * key attributes, with the declared types.
 *
 * DynamoDB Local answers a wrong attribute count with "The number of conditions on the keys is
 * invalid" and a wrong type with "...Type mismatch for key"; the real service answers both with
 * "The provided key element does not match the schema" (captured against AWS in
 * ministackorg/ministack#1432 and nubo-db/dynoxide#97), which is what we follow.
 */
export function checkKeyArgument(schema: KeySchema, key: Item): void {
  const expected = attributes(schema);
  if (Object.keys(key).length !== expected.length) throw keyMismatch();
  for (const attribute of expected) {
    const value = key[attribute.name];
    if (value === undefined) throw keyMismatch();
    checkKeyValueType(value);
    if (typeOf(value) !== attribute.type) throw keyMismatch();
  }
  for (const attribute of expected) {
    if (isEmptyScalar(key[attribute.name]!)) throw emptyKeyError(attribute.name);
  }
  checkKeySizes(schema, key);
}

/** Throws "Missing the key ... in the item" for the first key attribute an item lacks. */
export function checkKeyNamesPresent(schema: KeySchema, item: Record<string, unknown>): void {
  for (const name of keyNames(schema)) {
    if (item[name] === undefined) {
      throw validationError(`One or more parameter values were invalid: Missing the key ${name} in the item`);
    }
  }
}

/**
 * Checks the key attributes inside a whole item (PutItem and its batch/transaction forms), one
 * attribute after the other: present, of the declared type, not empty, not too large. DynamoDB
 * Local finishes the partition key before it looks at the sort key (probe: an item without its
 * sort key and with a partition key of the wrong type is refused for the type). Messages follow
 * the real service ("Missing the key pk in the item", "Type mismatch for key pk expected: S
 * actual: N"); DynamoDB Local words both more tersely. `inBatch` selects BatchWriteItem's
 * wording, "The provided key element does not match the schema" for both (captured against AWS
 * in nubo-db/dynoxide#97 and paritysuite/dynamodb-conformance batchWriteItem.test.ts).
 */
export function checkKeyInItem(schema: KeySchema, item: Item, inBatch = false): void {
  for (const attribute of attributes(schema)) {
    const value = item[attribute.name];
    if (value === undefined) {
      if (inBatch) throw keyMismatch();
      throw validationError(
        `One or more parameter values were invalid: Missing the key ${attribute.name} in the item`,
      );
    }
    checkKeyValueType(value);
    const actual = typeOf(value);
    if (actual !== attribute.type && inBatch) throw keyMismatch();
    if (actual !== attribute.type) {
      throw validationError(
        `One or more parameter values were invalid: Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${actual}`,
      );
    }
    if (isEmptyScalar(value)) throw emptyKeyError(attribute.name);
    checkKeySize(schema, attribute, value);
  }
}

/**
 * The key attributes of a TransactWriteItems Put: as {@link checkKeyInItem}, except that a key of
 * the wrong type (a non-key type included) is returned as the action's cancellation reason instead
 * of failing the call. AWS cancels with "Type mismatch for key pk expected: S actual: N" (or
 * "actual: L"), while an empty key value is a ValidationException of the whole call (captured
 * from AWS eu-west-2 in paritysuite/dynamodb-conformance tests/tier3/error-messages/
 * transactWriteItems.test.ts).
 */
export function transactItemKeyProblem(schema: KeySchema, item: Item): string | undefined {
  for (const attribute of attributes(schema)) {
    const value = item[attribute.name];
    if (value === undefined) {
      throw validationError(
        `One or more parameter values were invalid: Missing the key ${attribute.name} in the item`,
      );
    }
    const actual = typeOf(value);
    if (actual !== attribute.type)
      return `One or more parameter values were invalid: Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${actual}`;
    if (isEmptyScalar(value)) throw emptyKeyError(attribute.name);
    checkKeySize(schema, attribute, value);
  }
  return undefined;
}

/**
 * The `Key` of a transaction action: a wrong number of attributes fails the call (unless
 * `countIsReason`), a value of the wrong type is returned as the action's cancellation reason
 * "The provided key element does not match the schema" (AWS, paritysuite/dynamodb-conformance
 * transactWriteItems.test.ts and, for an empty Key of TransactGetItems, transactGetItems.test.ts).
 * A non-key type is a reason too unless `nonKeyTypeIsReason` is false (then "Invalid attribute
 * value type" fails the call, as DynamoDB Local answers for TransactGetItems).
 */
export function transactKeyProblem(
  schema: KeySchema,
  key: Item,
  countIsReason: boolean,
  nonKeyTypeIsReason: boolean,
): string | undefined {
  const expected = attributes(schema);
  const mismatch = "The provided key element does not match the schema";
  if (Object.keys(key).length !== expected.length) {
    if (countIsReason) return mismatch;
    throw keyMismatch();
  }
  for (const attribute of expected) {
    const value = key[attribute.name];
    if (value === undefined) {
      if (countIsReason) return mismatch;
      throw keyMismatch();
    }
    if (!nonKeyTypeIsReason) checkKeyValueType(value);
    if (typeOf(value) !== attribute.type) return mismatch;
  }
  for (const attribute of expected) {
    if (isEmptyScalar(key[attribute.name]!)) throw emptyKeyError(attribute.name);
  }
  checkKeySizes(schema, key);
  return undefined;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A string that is equal for two key values exactly when DynamoDB treats them as equal. */
export function encodeKeyValue(value: AttributeValue): string {
  if ("S" in value) return `S${value.S}`;
  if ("N" in value) return `N${normalizeNumber(value.N)}`;
  if ("B" in value) {
    let hex = "B";
    for (const byte of value.B) hex += HEX[byte];
    return hex;
  }
  return `?${typeOf(value)}`;
}

/** The identity of an item under a key schema, for map lookups. */
export function encodeKey(schema: KeySchema, item: Item): string {
  const partition = encodeKeyValue(item[schema.partition.name]!);
  if (schema.sort === undefined) return partition;
  // A separator that cannot occur in a type tag keeps (partition, sort) pairs unambiguous.
  return `${partition.length}:${partition}${encodeKeyValue(item[schema.sort.name]!)}`;
}

/**
 * FNV-1a over the encoded partition key: the order in which Scan visits partitions. DynamoDB
 * orders partitions by an internal hash that neither the service nor DynamoDB Local documents,
 * so Scan order is deterministic here but is not DynamoDB Local's order.
 */
export function partitionHash(encodedPartition: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < encodedPartition.length; i++) {
    hash ^= encodedPartition.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

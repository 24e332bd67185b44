import { canonicalItem } from "../canonical.ts";
import { validationError } from "../errors.ts";
import { typeOf } from "../keys.ts";
import type { KeyAttribute } from "../model.ts";
import { isRecord } from "../request.ts";
import type { Item } from "../values.ts";
import { validateItem } from "../values.ts";
import type { ReadParams } from "./read-params.ts";

/**
 * Reads an ExclusiveStartKey: exactly the cursor's attributes (the index's and the table's
 * keys), with their declared types. Returns it canonical, or undefined when absent.
 *
 * @example const start = readStartKey(params, input["ExclusiveStartKey"]);
 */
export function readStartKey(params: ReadParams, raw: unknown): Item | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (isRecord(raw) && Object.keys(raw).length !== params.cursorNames.length) {
    throw validationError("Exclusive Start Key must have same size as table's key schema");
  }
  validateItem(raw);
  const key = canonicalItem(raw);
  const attributes: KeyAttribute[] = [];
  for (const schema of [params.keys, params.table.definition.keys]) {
    attributes.push(schema.partition);
    if (schema.sort !== undefined) attributes.push(schema.sort);
  }
  for (const attribute of attributes) {
    const value = key[attribute.name];
    if (value === undefined || typeOf(value) !== attribute.type) {
      // DynamoDB Local answers a wrong type with "Type mismatch for attribute to update"; the
      // service's message is this one.
      throw validationError(
        "The provided starting key is invalid: The provided key element does not match the schema",
      );
    }
  }
  return key;
}

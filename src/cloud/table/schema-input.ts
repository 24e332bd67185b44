import { validationError } from "./errors.ts";
import type { KeyAttribute, KeyAttributeType, KeySchema, ProvisionedThroughput } from "./model.ts";
import type { Input } from "./request.ts";
import { isRecord, optionalArray, optionalString } from "./request.ts";

/*
 * Readers for the parts of CreateTable that tables and GSIs share: attribute definitions, key
 * schemas and provisioned throughput, with DynamoDB's messages.
 */

/** Reads CreateTable's AttributeDefinitions. */
export function readAttributeDefinitions(input: Input): KeyAttribute[] {
  const list = optionalArray(input, "AttributeDefinitions");
  if (list === undefined || list.length === 0) throw validationError("No Attribute Schema Defined");
  const definitions = list.map((entry, i) => {
    const record = isRecord(entry) ? entry : {};
    const name = optionalString(record, "AttributeName") ?? "";
    const type = optionalString(record, "AttributeType");
    if (type !== "S" && type !== "N" && type !== "B") {
      throw validationError(
        `1 validation error detected: Value '${String(type)}' at 'attributeDefinitions.${i + 1}.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`,
      );
    }
    return { name, type: type as KeyAttributeType };
  });
  if (new Set(definitions.map((d) => d.name)).size !== definitions.length) {
    throw validationError("Cannot have two attributes with the same name");
  }
  return definitions;
}

/** Reads a KeySchema list; `what` prefixes the messages ("" for the table, "Global Secondary Index " for a GSI). */
export function readKeySchema(
  list: unknown[] | undefined,
  definitions: readonly KeyAttribute[],
  what: string,
): KeySchema {
  if (list === undefined || list.length === 0) {
    throw validationError(
      "No defined key schema.  A key schema containing at least a hash key must be defined for all tables",
    );
  }
  const elements = list.map((entry) => {
    const record = isRecord(entry) ? entry : {};
    return {
      name: optionalString(record, "AttributeName") ?? "",
      keyType: optionalString(record, "KeyType"),
    };
  });
  const hash = elements.filter((e) => e.keyType === "HASH");
  const range = elements.filter((e) => e.keyType === "RANGE");
  if (elements.length > 2) {
    throw validationError(
      "Key Schema too big.  Key Schema must at most consist of the hash and range key of a table",
    );
  }
  if (hash.length > 1) {
    throw validationError(
      "Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key",
    );
  }
  if (hash.length !== 1 || elements[0]?.keyType !== "HASH" || range.length + 1 !== elements.length) {
    throw validationError(
      "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key",
    );
  }
  if (range[0] !== undefined && range[0].name === hash[0]!.name) {
    throw validationError("Two keys can not have the same name");
  }
  const typed = (name: string, role: string): KeyAttribute => {
    const found = definitions.find((d) => d.name === name);
    if (found === undefined) {
      const sep = what === "" ? "  " : "";
      throw validationError(`${what}${role} not specified in Attribute Definitions.${sep}Type unknown.`);
    }
    return found;
  };
  const partition = typed(hash[0]!.name, what === "" ? "Hash Key" : "hash key");
  if (range[0] === undefined) return { partition };
  return { partition, sort: typed(range[0].name, what === "" ? "Range Key" : "range key") };
}

/** Reads a ProvisionedThroughput member (both units at least 1), or undefined when absent. */
export function readThroughput(
  value: Record<string, unknown> | undefined,
): ProvisionedThroughput | undefined {
  if (value === undefined) return undefined;
  const read = value.ReadCapacityUnits;
  const write = value.WriteCapacityUnits;
  if (typeof read !== "number" || typeof write !== "number" || read < 1 || write < 1) {
    throw validationError("Table read and write throughput must be at least 1, and cannot be null");
  }
  return { readCapacityUnits: read, writeCapacityUnits: write };
}

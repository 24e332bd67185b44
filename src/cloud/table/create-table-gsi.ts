import { validationError } from "./errors.ts";
import type { GsiDefinition, GsiProjection, KeyAttribute } from "./model.ts";
import type { Input } from "./request.ts";
import {
  checkName,
  isRecord,
  optionalArray,
  optionalEnum,
  optionalRecord,
  optionalString,
} from "./request.ts";
import { readKeySchema, readThroughput } from "./schema-input.ts";

function readProjection(record: Record<string, unknown>): GsiProjection {
  const projection = optionalRecord(record, "Projection");
  if (projection === undefined) throw validationError("Indexes must have a projection specified");
  const type = optionalEnum(
    projection,
    "ProjectionType",
    ["ALL", "KEYS_ONLY", "INCLUDE"] as const,
    "Projection type must be INCLUDE, ALL, or KEYS_ONLY",
  );
  const nonKey = optionalArray(projection, "NonKeyAttributes");
  if (type === "INCLUDE") {
    if (nonKey === undefined || nonKey.length === 0) {
      throw validationError(
        "If Projection type INCLUDE is specified, some non-key attributes to include in the projection must be specified as well",
      );
    }
    return { type, nonKeyAttributes: nonKey.map(String) };
  }
  if (nonKey !== undefined) {
    throw validationError(
      "No attributes should be specified to be projected unless projection type is INCLUDE",
    );
  }
  return { type: type ?? "ALL" };
}

/**
 * Reads CreateTable's GlobalSecondaryIndexes: names, key schemas (typed by the table's attribute
 * definitions), projections and, for provisioned tables, throughput.
 *
 * @example const gsis = readGsis(input, definitions, false);
 */
export function readGsis(
  input: Input,
  definitions: readonly KeyAttribute[],
  provisioned: boolean,
): GsiDefinition[] {
  const list = optionalArray(input, "GlobalSecondaryIndexes") ?? [];
  if (input.GlobalSecondaryIndexes !== undefined && list.length === 0) {
    throw validationError("GSI list is empty/invalid");
  }
  const seen = new Set<string>();
  return list.map((entry) => {
    const record = isRecord(entry) ? entry : {};
    const indexName = checkName(optionalString(record, "IndexName"));
    if (seen.has(indexName)) throw validationError("Two global secondary indices have the same name");
    seen.add(indexName);
    const keys = readKeySchema(optionalArray(record, "KeySchema"), definitions, "Global Secondary Index ");
    const projection = readProjection(record);
    const throughput = readThroughput(optionalRecord(record, "ProvisionedThroughput"));
    if (provisioned && throughput === undefined) {
      throw validationError("No provisioned throughput specified for the global secondary index");
    }
    return { indexName, keys, projection, ...(throughput === undefined ? {} : { provisioned: throughput }) };
  });
}

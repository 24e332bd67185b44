import { readGsis } from "./create-table-gsi.ts";
import { unmodelled, validationError } from "./errors.ts";
import type { GsiDefinition, KeyAttribute, KeySchema, ProvisionedThroughput } from "./model.ts";
import type { Input } from "./request.ts";
import {
  checkName,
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalRecord,
  optionalString,
} from "./request.ts";
import { readAttributeDefinitions, readKeySchema, readThroughput } from "./schema-input.ts";

/** A CreateTable request, checked: everything but the names the service assigns (ARNs, labels). */
export interface CreateTableRequest {
  readonly tableName: string;
  readonly keys: KeySchema;
  readonly attributeDefinitions: readonly KeyAttribute[];
  readonly billingMode: "PROVISIONED" | "PAY_PER_REQUEST";
  readonly provisioned?: ProvisionedThroughput;
  readonly gsis: readonly GsiDefinition[];
  readonly streamViewType?: "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";
  readonly deletionProtection: boolean;
}

function readStreamViewType(input: Input): CreateTableRequest["streamViewType"] {
  const spec = optionalRecord(input, "StreamSpecification");
  if (spec === undefined) return undefined;
  const enabled = optionalBoolean(spec, "StreamEnabled");
  const viewType = optionalEnum(
    spec,
    "StreamViewType",
    ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"] as const,
    "Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]",
  );
  if (enabled === true && viewType === undefined) {
    throw validationError(
      "Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.",
    );
  }
  if (enabled !== true && viewType !== undefined) {
    throw validationError(
      "Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.",
    );
  }
  return viewType;
}

/** Every attribute named in the table's and the GSIs' key schemas must be defined, and no other. */
function checkDefinitionsUsed(definitions: readonly KeyAttribute[], schemas: readonly KeySchema[]): void {
  const used = new Set<string>();
  for (const schema of schemas) {
    used.add(schema.partition.name);
    if (schema.sort !== undefined) used.add(schema.sort.name);
  }
  const defined = new Set(definitions.map((d) => d.name));
  if (defined.size !== definitions.length || [...defined].some((name) => !used.has(name))) {
    throw validationError(
      "The number of attributes in key schema must match the number of attributes defined in attribute definitions.",
    );
  }
}

/**
 * Checks a CreateTable request, with DynamoDB's messages.
 *
 * @example
 * const request = readCreateTable({ TableName: "Orders", KeySchema: [...], AttributeDefinitions: [...], BillingMode: "PAY_PER_REQUEST" });
 */
export function readCreateTable(input: Input): CreateTableRequest {
  const tableName = checkName(optionalString(input, "TableName"));
  const keySchemaList = optionalArray(input, "KeySchema");
  if (keySchemaList === undefined || keySchemaList.length === 0) readKeySchema(undefined, [], "");
  const attributeDefinitions = readAttributeDefinitions(input);
  const keys = readKeySchema(keySchemaList, attributeDefinitions, "");
  if (input.LocalSecondaryIndexes !== undefined && input.LocalSecondaryIndexes !== null) {
    throw unmodelled(
      "CreateTable",
      "LocalSecondaryIndexes (local secondary indexes)",
      "a global secondary index",
    );
  }
  const billingMode =
    optionalEnum(
      input,
      "BillingMode",
      ["PROVISIONED", "PAY_PER_REQUEST"] as const,
      "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
    ) ?? "PROVISIONED";
  const provisioned = readThroughput(optionalRecord(input, "ProvisionedThroughput"));
  if (billingMode === "PROVISIONED" && provisioned === undefined) {
    throw validationError("No provisioned throughput specified for the table");
  }
  if (billingMode === "PAY_PER_REQUEST" && provisioned !== undefined) {
    // DynamoDB Local accepts this; the service refuses it (CreateTable API reference, BillingMode:
    // "If you set BillingMode as PAY_PER_REQUEST, you cannot specify this property").
    throw validationError(
      "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
    );
  }
  const gsis = readGsis(input, attributeDefinitions, billingMode === "PROVISIONED");
  checkDefinitionsUsed(attributeDefinitions, [keys, ...gsis.map((g) => g.keys)]);
  const streamViewType = readStreamViewType(input);
  return {
    tableName,
    keys,
    attributeDefinitions,
    billingMode,
    ...(provisioned === undefined ? {} : { provisioned }),
    gsis,
    ...(streamViewType === undefined ? {} : { streamViewType }),
    deletionProtection: optionalBoolean(input, "DeletionProtectionEnabled") ?? false,
  };
}

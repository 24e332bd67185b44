import { describe, type Issues } from "./issues.ts";

const KEY_TYPES = ["S", "N", "B"];
const STREAM_VIEWS = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"];
const NAME_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/;
/** DynamoDB's limit of global secondary indexes per table. */
const MAX_GSIS = 20;

/** Checks one table definition, recording every problem under `path`. */
export function validateTable(issues: Issues, path: string, logicalName: string, value: unknown): void {
  if (!NAME_PATTERN.test(logicalName)) {
    issues.add(
      path,
      `table name "${logicalName}" must be 3-255 characters of a-z, A-Z, 0-9, "_", "-" and "."`,
    );
  }
  const table = issues.object(
    path,
    value,
    'a table definition such as { partitionKey: { name: "id", type: "S" } }',
  );
  if (!table) return;
  issues.unknownKeys(path, table, [
    "partitionKey",
    "sortKey",
    "globalSecondaryIndexes",
    "stream",
    "ttlAttribute",
    "billing",
  ]);
  const keyTypes = new Map<string, string>();
  validateKey(issues, `${path}.partitionKey`, table.partitionKey, true, keyTypes);
  validateKey(issues, `${path}.sortKey`, table.sortKey, false, keyTypes);
  if (table.stream !== undefined && !STREAM_VIEWS.includes(table.stream as string)) {
    issues.add(
      `${path}.stream`,
      `${describe(table.stream)} is not a stream view type; use one of ${STREAM_VIEWS.join(", ")}`,
    );
  }
  if (table.ttlAttribute !== undefined) {
    if (
      typeof table.ttlAttribute !== "string" ||
      table.ttlAttribute.length === 0 ||
      table.ttlAttribute.length > 255
    ) {
      issues.add(`${path}.ttlAttribute`, "must be an attribute name of 1-255 characters");
    } else if (keyTypes.has(table.ttlAttribute)) {
      issues.add(
        `${path}.ttlAttribute`,
        `"${table.ttlAttribute}" is a key attribute; TTL needs a separate Number attribute`,
      );
    }
  }
  const provisioned = validateBilling(issues, `${path}.billing`, table.billing);
  validateIndexes(
    issues,
    `${path}.globalSecondaryIndexes`,
    table.globalSecondaryIndexes,
    keyTypes,
    provisioned,
  );
}

function validateKey(
  issues: Issues,
  path: string,
  value: unknown,
  required: boolean,
  types: Map<string, string>,
): void {
  if (value === undefined) {
    if (required) issues.add(path, 'is required: give the key attribute, e.g. { name: "id", type: "S" }');
    return;
  }
  const key = issues.object(path, value, 'a key attribute such as { name: "id", type: "S" }');
  if (!key) return;
  issues.unknownKeys(path, key, ["name", "type"]);
  if (typeof key.name !== "string" || key.name.length === 0 || key.name.length > 255) {
    issues.add(`${path}.name`, "must be an attribute name of 1-255 characters");
  }
  if (!KEY_TYPES.includes(key.type as string)) {
    issues.add(
      `${path}.type`,
      `${describe(key.type)} is not a key type; use "S" (string), "N" (number) or "B" (binary)`,
    );
    return;
  }
  if (typeof key.name !== "string") return;
  const previous = types.get(key.name);
  if (previous !== undefined && previous !== key.type) {
    issues.add(
      `${path}.type`,
      `attribute "${key.name}" is declared as ${previous} elsewhere in this table; one attribute has one type`,
    );
  }
  types.set(key.name, key.type as string);
}

function validateBilling(issues: Issues, path: string, value: unknown): boolean {
  if (value === undefined) return false;
  const billing = issues.object(
    path,
    value,
    '{ mode: "PAY_PER_REQUEST" } or { mode: "PROVISIONED", readCapacityUnits, writeCapacityUnits }',
  );
  if (!billing) return false;
  if (billing.mode === "PAY_PER_REQUEST") {
    issues.unknownKeys(path, billing, ["mode"]);
    return false;
  }
  if (billing.mode !== "PROVISIONED") {
    issues.add(
      `${path}.mode`,
      `${describe(billing.mode)} is not a billing mode; use "PAY_PER_REQUEST" or "PROVISIONED"`,
    );
    return false;
  }
  issues.unknownKeys(path, billing, ["mode", "readCapacityUnits", "writeCapacityUnits"]);
  validateCapacity(issues, path, billing);
  return true;
}

function validateCapacity(issues: Issues, path: string, capacity: Record<string, unknown>): void {
  for (const field of ["readCapacityUnits", "writeCapacityUnits"]) {
    const units = capacity[field];
    if (typeof units !== "number" || !Number.isInteger(units) || units < 1) {
      issues.add(`${path}.${field}`, `must be a whole number of capacity units ≥ 1, got ${describe(units)}`);
    }
  }
}

function validateIndexes(
  issues: Issues,
  path: string,
  value: unknown,
  tableTypes: ReadonlyMap<string, string>,
  provisioned: boolean,
): void {
  if (value === undefined) return;
  const indexes = issues.object(path, value, "an object of index name to index definition");
  if (!indexes) return;
  const names = Object.keys(indexes);
  if (names.length > MAX_GSIS)
    issues.add(path, `has ${names.length} indexes; DynamoDB allows at most ${MAX_GSIS}`);
  for (const name of names) {
    const at = `${path}.${name}`;
    if (!NAME_PATTERN.test(name))
      issues.add(at, `index name "${name}" must be 3-255 characters of a-z, A-Z, 0-9, "_", "-" and "."`);
    const index = issues.object(
      at,
      indexes[name],
      'an index definition such as { partitionKey: { name: "status", type: "S" } }',
    );
    if (!index) continue;
    issues.unknownKeys(at, index, ["partitionKey", "sortKey", "projection", "capacity"]);
    const types = new Map(tableTypes);
    validateKey(issues, `${at}.partitionKey`, index.partitionKey, true, types);
    validateKey(issues, `${at}.sortKey`, index.sortKey, false, types);
    validateProjection(issues, `${at}.projection`, index.projection);
    if (provisioned && index.capacity === undefined) {
      issues.add(
        `${at}.capacity`,
        "is required because the table is provisioned: give readCapacityUnits and writeCapacityUnits",
      );
    } else if (index.capacity !== undefined) {
      const capacity = issues.object(
        `${at}.capacity`,
        index.capacity,
        "{ readCapacityUnits, writeCapacityUnits }",
      );
      if (capacity && !provisioned)
        issues.add(`${at}.capacity`, "is only allowed when the table's billing mode is PROVISIONED");
      else if (capacity) validateCapacity(issues, `${at}.capacity`, capacity);
    }
  }
}

function validateProjection(issues: Issues, path: string, value: unknown): void {
  if (value === undefined || value === "ALL" || value === "KEYS_ONLY") return;
  const include =
    typeof value === "object" && value !== null ? (value as { include?: unknown }).include : undefined;
  const ok =
    Array.isArray(include) &&
    include.length > 0 &&
    include.every((a) => typeof a === "string" && a.length > 0);
  if (!ok)
    issues.add(
      path,
      `${describe(value)} is not a projection; use "ALL", "KEYS_ONLY" or { include: ["attr", ...] }`,
    );
}

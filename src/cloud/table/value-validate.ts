import { validationError } from "../aws-error.ts";
import { compareBytes } from "./value-compare.ts";
import { checkNumber, formatParts } from "./value-number.ts";
import type { AttributeValue, Item } from "./values.ts";

/** DynamoDB allows 32 levels of nesting; a value may sit inside at most 31 maps or lists. */
const MAX_CONTAINER_DEPTH = 31;
const TYPES = new Set(["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"]);
const INVALID = "One or more parameter values were invalid: ";

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function shapeError(what: string): never {
  // DynamoDB's JSON deserialiser would refuse such a request outright; in-process callers get a
  // ValidationException naming the problem instead of a TypeError.
  throw validationError(`${INVALID}Invalid attribute value: ${what}`);
}

function stringList(value: unknown, type: string): string[] {
  if (!Array.isArray(value) || !value.every((s) => typeof s === "string"))
    shapeError(`${type} must be a list of strings`);
  return value;
}

function checkSet(type: "SS" | "NS" | "BS", raw: unknown): void {
  if (type === "BS") {
    if (!Array.isArray(raw) || !raw.every((b) => b instanceof Uint8Array))
      shapeError("BS must be a list of bytes");
    if (raw.length === 0) throw validationError(`${INVALID}Binary sets should not be empty`);
    const sorted = [...raw].sort(compareBytes);
    if (sorted.some((b, i) => i > 0 && compareBytes(b, sorted[i - 1] as Uint8Array) === 0)) {
      throw validationError(`${INVALID}Input collection of type BS contains duplicates.`);
    }
    return;
  }
  const list = stringList(raw, type);
  if (list.length === 0) {
    throw validationError(`${INVALID}An ${type === "SS" ? "string" : "number"} set  may not be empty`);
  }
  if (type === "SS") {
    if (new Set(list).size !== list.length) {
      throw validationError(`${INVALID}Input collection [${list.join(", ")}] contains duplicates`);
    }
    return;
  }
  // Members are read in order; the first unreadable or repeated one decides (DynamoDB Local).
  const seen = new Set<string>();
  for (const n of list) {
    const canonical = formatParts(checkNumber(n));
    if (seen.has(canonical)) throw validationError("Input collection contains duplicates");
    seen.add(canonical);
  }
}

function checkScalar(type: string, raw: unknown): void {
  if (type === "S" && typeof raw !== "string") shapeError("S must be a string");
  if (type === "N") {
    if (typeof raw !== "string") shapeError("N must be a string");
    checkNumber(raw);
  }
  if (type === "B" && !(raw instanceof Uint8Array)) shapeError("B must be bytes");
  if (type === "BOOL" && typeof raw !== "boolean") shapeError("BOOL must be a boolean");
  if (type === "NULL" && raw !== true) {
    throw validationError(`${INVALID}Null attribute value types must have the value of true`);
  }
}

/**
 * Checks one attribute value against DynamoDB's rules and throws its ValidationException
 * (messages as DynamoDB Local words them): exactly one type, valid numbers (38 digits, range),
 * non-empty sets without duplicates, NULL only `true`, at most 32 levels of nesting, non-empty
 * map keys. `depth` is the number of maps/lists around the value.
 *
 * @example validateAttributeValue({ SS: [] }) // throws "... An string set  may not be empty"
 */
export function validateAttributeValue(value: unknown, depth = 0): asserts value is AttributeValue {
  if (!isRecord(value)) shapeError("an attribute value must be an object");
  const type = onlyDefinedKey(value);
  if (!TYPES.has(type)) shapeError(`unknown type ${JSON.stringify(type)}`);
  const raw = value[type];
  if (type === "SS" || type === "NS" || type === "BS") return checkSet(type, raw);
  if (type !== "M" && type !== "L") return checkScalar(type, raw);
  if (depth >= MAX_CONTAINER_DEPTH) {
    throw validationError(
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit",
    );
  }
  if (type === "L") {
    if (!Array.isArray(raw)) shapeError("L must be a list");
    for (const element of raw) validateAttributeValue(element, depth + 1);
    return;
  }
  if (!isRecord(raw)) shapeError("M must be a map");
  for (const [name, element] of Object.entries(raw)) {
    // DynamoDB Local reports a bad value under an empty name before the empty name itself.
    validateAttributeValue(element, depth + 1);
    if (name === "") throw validationError("Empty attribute name");
  }
}

// The one member of an attribute value that is set (as the SDK leaves others undefined), counted
// without listing them: every attribute of every written item passes here.
function onlyDefinedKey(value: Record<string, unknown>): string {
  let type: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || value[key] === undefined) continue;
    if (type !== undefined) {
      throw validationError(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
      );
    }
    type = key;
  }
  if (type === undefined) {
    throw validationError(
      "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
    );
  }
  return type;
}

/**
 * Checks every attribute of an item (see {@link validateAttributeValue}). Key rules (presence,
 * type, empty key strings, key sizes) and the 400 KB limit belong to the table engine, which
 * knows the key schema.
 *
 * @example validateItem({ pk: { S: "a" }, n: { N: "1e2" } }) // passes
 */
export function validateItem(item: unknown): asserts item is Item {
  if (!isRecord(item)) shapeError("an item must be a map of attribute names to values");
  for (const [name, value] of Object.entries(item)) {
    validateAttributeValue(value);
    if (name === "") throw validationError("Empty attribute name");
  }
}

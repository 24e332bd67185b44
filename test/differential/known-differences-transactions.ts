/**
 * DynamoDB Local's deviation in TransactWriteItems with two actions on one item. Local runs the
 * actions one after another (a ConditionCheck sees the item a Put before it wrote) and notices the
 * repeated item only once every action has passed, so it answers with a TransactionCanceledException
 * or with a later action's error. The real service refuses such a request outright.
 */
import { asError, type KnownLocalDeviation } from "./known-difference-matchers.ts";
import type { Step } from "./model/operations.ts";
import type { TableSchema } from "./model/schema.ts";

const DUPLICATE = "Transaction request cannot include multiple operations on one item";

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** A key attribute's value as text, numbers by value ("1.0" and "1" are one key). */
function keyText(value: unknown): string {
  const attribute = record(value);
  if (typeof attribute.N === "string") return `N:${String(Number(attribute.N))}`;
  return JSON.stringify(attribute);
}

/** Whether some action's key holds a number not written as DynamoDB stores it ("1.0", "1e0"). */
function hasUntrimmedKeyNumber(step: Step, schema: TableSchema): boolean {
  const entries = Array.isArray(step.input.TransactItems) ? step.input.TransactItems : [];
  const names = [schema.hash.name, ...(schema.range === undefined ? [] : [schema.range.name])];
  return entries.some((entry) => {
    const body = record(Object.values(record(entry))[0]);
    const source = record(body.Key ?? body.Item);
    return names.some((name) => {
      const text = record(source[name]).N;
      return typeof text === "string" && String(Number(text)) !== text;
    });
  });
}

/** Table and key of one TransactItems entry, as text (numbers by value unless `asSent`). */
function target(entry: unknown, schema: TableSchema, asSent = false): string {
  const [action] = Object.values(record(entry));
  const body = record(action);
  const source = record(body.Key ?? body.Item);
  const names = [schema.hash.name, ...(schema.range === undefined ? [] : [schema.range.name])];
  const text = (value: unknown): string => (asSent ? JSON.stringify(value) : keyText(value));
  return [String(body.TableName), ...names.map((name) => text(source[name]))].join("\u0000");
}

function hasRepeatedTarget(step: Step, schema: TableSchema, asSent = false): boolean {
  const entries = step.input.TransactItems;
  if (!Array.isArray(entries)) return false;
  const targets = entries.map((entry) => target(entry, schema, asSent));
  return new Set(targets).size < targets.length;
}

/** The transaction deviations, for known-differences.ts. */
export const transactionDeviations: readonly KnownLocalDeviation[] = [
  {
    id: "transaction-repeated-item-checked-late",
    evidence:
      "AWS: 'no two actions can target the same item. For example, you cannot both ConditionCheck and " +
      "Update the same item' (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/" +
      "API_TransactWriteItems.html); such a request 'fails' with 'Transaction request cannot include " +
      "multiple operations on one item' (https://repost.aws/knowledge-center/dynamodb-transactwriteitems), " +
      "also where a ConditionCheck passes (captured against AWS in getmoto/moto#7378). Probe against " +
      "DynamoDB Local 2.x: [Put pk=2, ConditionCheck pk=2 attribute_not_exists(pk)] is cancelled with " +
      "[None, ConditionalCheckFailed] (the check saw the Put's write), the same with attribute_exists(pk) " +
      "gives the ValidationException",
    matches(step, local, other, schema) {
      if (step?.operation !== "TransactWriteItems") return false;
      const [l, o] = [asError(local), asError(other)];
      if (o?.error !== "ValidationException" || o.message !== DUPLICATE) return false;
      if (l === undefined || l.message === DUPLICATE) return false;
      const localFailedLater =
        l.error === "TransactionCanceledException" || l.error === "ValidationException";
      return localFailedLater && hasRepeatedTarget(step, schema);
    },
  },
  {
    id: "transaction-repeated-key-by-value",
    diverges: true,
    evidence:
      "Numbers are values: 'Leading and trailing zeroes are trimmed' (https://docs.aws.amazon.com/" +
      "amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html), so keys {N:'1.0'} and " +
      "{N:'1'} name one item, and AWS refuses two actions on one item (API_TransactWriteItems, as above). " +
      "DynamoDB Local runs both actions when a key number is not written canonically: '1.0' and '1', and " +
      "also '1.0' twice (probe: [Put pk 1.0, ConditionCheck pk 1.0] succeeds)",
    matches(step, local, other, schema) {
      if (step?.operation !== "TransactWriteItems" || asError(local) !== undefined) return false;
      const o = asError(other);
      if (o?.error !== "ValidationException" || o.message !== DUPLICATE) return false;
      return hasRepeatedTarget(step, schema) && hasUntrimmedKeyNumber(step, schema);
    },
  },
];

/**
 * DynamoDB Local's deviations for a transaction action whose key does not match the table's key
 * schema. AWS cancels the transaction: the action's reason is a ValidationError whose message is
 * "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N" for
 * a Put (also for a non-key type, "actual: L") and "The provided key element does not match the
 * schema" for the Key of an Update, Delete or ConditionCheck (captured from AWS in
 * paritysuite/dynamodb-conformance tests/tier3/error-messages/transactWriteItems.test.ts); a
 * TransactGetItems with an empty Key is cancelled with a ValidationError reason and the usual
 * "Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]"
 * (same suite, transactGetItems.test.ts).
 *
 * DynamoDB Local shortens the reason to "One or more parameter values were invalid: Type mismatch
 * for key", refuses a non-key type in a key with a ValidationException "Invalid attribute value
 * type", and answers a TransactGetItems key mismatch with a TransactionCanceledException whose
 * message is the validation message and which has no CancellationReasons (probes in
 * .cache/scratch/diff/tx.mjs and tx2.mjs of the differential helper).
 */
import { asError, cancellationReasons, type KnownLocalDeviation } from "./known-difference-matchers.ts";
import type { Step } from "./model/operations.ts";
import type { TableSchema } from "./model/schema.ts";

const EVIDENCE =
  "AWS cancels a transaction action whose key has the wrong type with a ValidationError reason " +
  "('Type mismatch for key pk expected: S actual: N' / 'actual: L' for a Put, 'The provided key element " +
  "does not match the schema' for a Key), and a TransactGetItems with an empty Key with a ValidationError " +
  "reason (captured from AWS eu-west-2 and three more regions in paritysuite/dynamodb-conformance " +
  "tests/tier3/error-messages/transactWriteItems.test.ts and transactGetItems.test.ts). DynamoDB Local " +
  "shortens the reason, refuses non-key types outright and, for TransactGetItems, puts the validation " +
  "message on the exception without reasons";

const LOCAL_KEY_SHORT = "One or more parameter values were invalid: Type mismatch for key";
const LOCAL_INDEX_SHORT = "One or more parameter values were invalid: Type mismatch for Index Key";
const KEY_MISMATCH = "The provided key element does not match the schema";
const PUT_KEY_FULL =
  /^One or more parameter values were invalid: Type mismatch for key \S+ expected: [SNB] actual: \S+$/;
const PUT_NON_KEY_TYPE =
  /^One or more parameter values were invalid: Type mismatch for key \S+ expected: [SNB] actual: (BOOL|NULL|L|M|SS|NS|BS)$/;
const INDEX_FULL =
  /^One or more parameter values were invalid: Type mismatch for Index Key \S+ Expected: [SNB] Actual: [SNB] IndexName: \S+$/;
const CANCELLED = /^Transaction cancelled, please refer cancellation reasons for specific reasons \[.*\]$/;

const isKeyReason = (message: string): boolean => message === KEY_MISMATCH || PUT_KEY_FULL.test(message);

/** Reasons equal except where Local's ValidationError message is a short form of AWS's. */
function reasonsDifferOnlyInKeyMessage(local: unknown, other: unknown): boolean {
  const [l, o] = [asError(local), asError(other)];
  const [lr, or] = [cancellationReasons(l), cancellationReasons(o)];
  if (lr === undefined || or === undefined || l?.message !== o?.message || lr.length !== or.length)
    return false;
  let keyShortened = false;
  for (const [i, reason] of lr.entries()) {
    const theirs = or[i] ?? {};
    if (JSON.stringify(reason) === JSON.stringify(theirs)) continue;
    if (reason.Code !== "ValidationError" || theirs.Code !== "ValidationError") return false;
    const [mine, aws] = [String(reason.Message), String(theirs.Message)];
    if (mine === LOCAL_KEY_SHORT && isKeyReason(aws)) keyShortened = true;
    else if (!(mine === LOCAL_INDEX_SHORT && INDEX_FULL.test(aws))) return false;
  }
  return keyShortened;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** Whether some action of the step has a table key attribute of a non-key type (BOOL, a list...). */
function hasNonKeyTypedKey(step: Step, schema: TableSchema): boolean {
  const names = [schema.hash.name, ...(schema.range === undefined ? [] : [schema.range.name])];
  const entries = Array.isArray(step.input.TransactItems) ? step.input.TransactItems : [];
  return entries.some((entry) => {
    const body = record(Object.values(record(entry))[0]);
    const source = record(body.Item ?? body.Key);
    return names.some((name) => {
      const value = source[name];
      return value !== undefined && !["S", "N", "B"].some((tag) => tag in record(value));
    });
  });
}

/** The transaction key deviations, for known-differences.ts. */
export const transactionKeyDeviations: readonly KnownLocalDeviation[] = [
  {
    id: "transaction-key-type-mismatch-reason",
    evidence: EVIDENCE,
    matches: (step, local, other) =>
      step?.operation === "TransactWriteItems" && reasonsDifferOnlyInKeyMessage(local, other),
  },
  {
    id: "transaction-key-non-key-type",
    evidence: EVIDENCE,
    matches(step, local, other, schema) {
      if (step?.operation !== "TransactWriteItems" || !hasNonKeyTypedKey(step, schema)) return false;
      const l = asError(local);
      if (l?.error !== "ValidationException" || l.message !== "Invalid attribute value type") return false;
      const reasons = cancellationReasons(asError(other)) ?? [];
      return reasons.some(
        (r) =>
          r.Code === "ValidationError" &&
          (r.Message === KEY_MISMATCH || PUT_NON_KEY_TYPE.test(String(r.Message))),
      );
    },
  },
  {
    id: "transact-get-key-mismatch-cancellation",
    evidence: EVIDENCE,
    matches(step, local, other) {
      if (step?.operation !== "TransactGetItems") return false;
      const [l, o] = [asError(local), asError(other)];
      if (l?.error !== "TransactionCanceledException" || l.fields !== undefined) return false;
      if (l.message !== LOCAL_KEY_SHORT && l.message !== "The number of conditions on the keys is invalid")
        return false;
      const reasons = cancellationReasons(o) ?? [];
      const failed = reasons.filter((r) => r.Code !== "None");
      return (
        CANCELLED.test(o?.message ?? "") &&
        failed.length === 1 &&
        failed[0]?.Code === "ValidationError" &&
        failed[0].Message === KEY_MISMATCH
      );
    },
  },
];
